-- Risk acceptance and avoidance (SRM-METHOD.md 7a, issue 14): a signed acceptance of an
-- activity's residual risk (who signed, on which SRA version, the residual, reasons, conditions and
-- an expiry; voided by a material change), and the Designated Official's avoidance decisions
-- (relocation, evacuation, alternative modality) with the personnel concerned.

CREATE TABLE risk_acceptances (
  id                   @TEXT@ PRIMARY KEY,
  programme_id         @TEXT@ REFERENCES programmes (id) DEFERRABLE INITIALLY DEFERRED,
  activity             @TEXT@ NOT NULL,
  organization_id      @TEXT@ REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  area_id              @TEXT@ REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  area_name            @TEXT@ NOT NULL,
  country_id           @TEXT@ REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  pc                   INTEGER NOT NULL,
  sra_id               @TEXT@ REFERENCES sras (id) DEFERRABLE INITIALLY DEFERRED,
  residual_risk        @TEXT@ NOT NULL,
  residual_index       INTEGER NOT NULL,
  signatory_id         @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  signatory_username   @TEXT@ NOT NULL,
  signatory_role       @TEXT@ NOT NULL,
  reasons              @TEXT@ NOT NULL,
  conditions           @TEXT@ NOT NULL,
  expires_on           @TEXT@ NOT NULL,
  signed_at            @TEXT@ NOT NULL,
  status               @TEXT@ NOT NULL,
  voided_at            @TEXT@,
  void_reason          @TEXT@,
  created_at           @TEXT@ NOT NULL,
  updated_at           @TEXT@ NOT NULL,
  revision             BIGINT NOT NULL
);
CREATE INDEX risk_acceptances_newest ON risk_acceptances (updated_at DESC, id DESC);
CREATE INDEX risk_acceptances_by_programme_id ON risk_acceptances (programme_id, updated_at DESC, id DESC);
CREATE INDEX risk_acceptances_by_area_id ON risk_acceptances (area_id, updated_at DESC, id DESC);

CREATE TABLE avoidance_decisions (
  id                   @TEXT@ PRIMARY KEY,
  area_id              @TEXT@ REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  area_name            @TEXT@ NOT NULL,
  country_id           @TEXT@ REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  kind                 @TEXT@ NOT NULL,
  "from"               @TEXT@ NOT NULL,
  "to"                 @TEXT@ NOT NULL,
  destination          @TEXT@ NOT NULL,
  reason               @TEXT@ NOT NULL,
  personnel            @TEXT@ NOT NULL,
  personnel_count      INTEGER NOT NULL,
  decided_by_id        @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  decided_by_username  @TEXT@ NOT NULL,
  decided_at           @TEXT@ NOT NULL,
  created_at           @TEXT@ NOT NULL,
  updated_at           @TEXT@ NOT NULL,
  revision             BIGINT NOT NULL
);
CREATE INDEX avoidance_decisions_newest ON avoidance_decisions (updated_at DESC, id DESC);
CREATE INDEX avoidance_decisions_by_area_id ON avoidance_decisions (area_id, updated_at DESC, id DESC);
