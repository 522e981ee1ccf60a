-- Issue 16 (002 §§ 25, 27): the security workforce (international, national and mission security
-- personnel by organization, post and area, with skills and languages: personal data, removed by
-- an audited purge after the configured retention) and surge deployments paid by the emergency
-- security fund (fund_request_id: the fund's request, migration 0018; kept as text so the two
-- record kinds are independent).

CREATE TABLE security_personnel (
  id                   @TEXT@ PRIMARY KEY,
  user_id              @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  full_name            @TEXT@ NOT NULL,
  organization_id      @TEXT@ NOT NULL REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  country_id           @TEXT@ REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  area_id              @TEXT@ REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  category             @TEXT@ NOT NULL,
  post                 @TEXT@ NOT NULL,
  status               @TEXT@ NOT NULL,
  left_on              @TEXT@,
  purged_at            @TEXT@,
  recorded_by_id       @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  recorded_by_username @TEXT@ NOT NULL,
  created_at           @TEXT@ NOT NULL,
  updated_at           @TEXT@ NOT NULL,
  revision             BIGINT NOT NULL
);
CREATE INDEX security_personnel_newest ON security_personnel (updated_at DESC, id DESC);
CREATE INDEX security_personnel_by_organization ON security_personnel (organization_id, updated_at DESC, id DESC);
CREATE INDEX security_personnel_by_area ON security_personnel (area_id, updated_at DESC, id DESC);
CREATE INDEX security_personnel_by_status ON security_personnel (status, updated_at DESC, id DESC);

CREATE TABLE security_personnel_skills (
  personnel_id @TEXT@ NOT NULL REFERENCES security_personnel (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal      INTEGER NOT NULL,
  skill        @TEXT@ NOT NULL,
  PRIMARY KEY (personnel_id, ordinal)
);

CREATE TABLE security_personnel_languages (
  personnel_id @TEXT@ NOT NULL REFERENCES security_personnel (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal      INTEGER NOT NULL,
  language     @TEXT@ NOT NULL,
  PRIMARY KEY (personnel_id, ordinal)
);

CREATE TABLE surge_deployments (
  id                   @TEXT@ PRIMARY KEY,
  personnel_id         @TEXT@ NOT NULL REFERENCES security_personnel (id) DEFERRABLE INITIALLY DEFERRED,
  organization_id      @TEXT@ NOT NULL REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  area_id              @TEXT@ NOT NULL REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  "from"               @TEXT@ NOT NULL,
  "to"                 @TEXT@ NOT NULL,
  fund_request_id      @TEXT@,
  purpose              @TEXT@ NOT NULL,
  status               @TEXT@ NOT NULL,
  recorded_by_id       @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  recorded_by_username @TEXT@ NOT NULL,
  created_at           @TEXT@ NOT NULL,
  updated_at           @TEXT@ NOT NULL,
  revision             BIGINT NOT NULL
);
CREATE INDEX surge_deployments_newest ON surge_deployments (updated_at DESC, id DESC);
CREATE INDEX surge_deployments_by_personnel ON surge_deployments (personnel_id, updated_at DESC, id DESC);
CREATE INDEX surge_deployments_by_area ON surge_deployments (area_id, updated_at DESC, id DESC);
CREATE INDEX surge_deployments_by_organization ON surge_deployments (organization_id, updated_at DESC, id DESC);
