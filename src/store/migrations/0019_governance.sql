-- Issue 16 (the 2025 review, 002 §§ 40-41, 49): security governance bodies with their members,
-- versioned terms of reference and dated obligations; their meetings; and the decisions taken
-- there with who is tasked by when.

CREATE TABLE governance_bodies (
  id                   @TEXT@ PRIMARY KEY,
  kind                 @TEXT@ NOT NULL,
  name                 @TEXT@ NOT NULL,
  country_id           @TEXT@ REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  reports_to           @TEXT@ NOT NULL,
  reports_to_body_id   @TEXT@ REFERENCES governance_bodies (id) DEFERRABLE INITIALLY DEFERRED,
  established_on       @TEXT@ NOT NULL,
  created_by_id        @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  created_by_username  @TEXT@ NOT NULL,
  created_at           @TEXT@ NOT NULL,
  updated_at           @TEXT@ NOT NULL,
  revision             BIGINT NOT NULL
);
CREATE INDEX governance_bodies_newest ON governance_bodies (updated_at DESC, id DESC);
CREATE INDEX governance_bodies_by_kind ON governance_bodies (kind, updated_at DESC, id DESC);

CREATE TABLE governance_body_members (
  body_id         @TEXT@ NOT NULL REFERENCES governance_bodies (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal         INTEGER NOT NULL,
  user_id         @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  name            @TEXT@ NOT NULL,
  organization_id @TEXT@ REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  member_role     @TEXT@ NOT NULL,
  PRIMARY KEY (body_id, ordinal)
);

CREATE TABLE governance_tor_versions (
  body_id               @TEXT@ NOT NULL REFERENCES governance_bodies (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal               INTEGER NOT NULL,
  version               INTEGER NOT NULL,
  text                  @TEXT@ NOT NULL,
  status                @TEXT@ NOT NULL,
  drafted_by_id         @TEXT@ NOT NULL,
  drafted_by_username   @TEXT@ NOT NULL,
  drafted_at            @TEXT@ NOT NULL,
  published_by_id       @TEXT@ NOT NULL,
  published_by_username @TEXT@ NOT NULL,
  published_at          @TEXT@,
  PRIMARY KEY (body_id, ordinal)
);

CREATE TABLE governance_obligations (
  body_id  @TEXT@ NOT NULL REFERENCES governance_bodies (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal  INTEGER NOT NULL,
  id       @TEXT@ NOT NULL,
  kind     @TEXT@ NOT NULL,
  title    @TEXT@ NOT NULL,
  due_on   @TEXT@ NOT NULL,
  done_on  @TEXT@,
  PRIMARY KEY (body_id, ordinal)
);
CREATE INDEX governance_obligations_by_due ON governance_obligations (due_on);

CREATE TABLE governance_meetings (
  id                    @TEXT@ PRIMARY KEY,
  body_id               @TEXT@ NOT NULL REFERENCES governance_bodies (id) DEFERRABLE INITIALLY DEFERRED,
  held_on               @TEXT@ NOT NULL,
  title                 @TEXT@ NOT NULL,
  summary               @TEXT@ NOT NULL,
  recorded_by_id        @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  recorded_by_username  @TEXT@ NOT NULL,
  created_at            @TEXT@ NOT NULL,
  updated_at            @TEXT@ NOT NULL,
  revision              BIGINT NOT NULL
);
CREATE INDEX governance_meetings_newest ON governance_meetings (updated_at DESC, id DESC);
CREATE INDEX governance_meetings_by_body ON governance_meetings (body_id, updated_at DESC, id DESC);

CREATE TABLE governance_decisions (
  id                    @TEXT@ PRIMARY KEY,
  body_id               @TEXT@ NOT NULL REFERENCES governance_bodies (id) DEFERRABLE INITIALLY DEFERRED,
  meeting_id            @TEXT@ NOT NULL REFERENCES governance_meetings (id) DEFERRABLE INITIALLY DEFERRED,
  text                  @TEXT@ NOT NULL,
  tasked_to             @TEXT@ NOT NULL,
  tasked_user_id        @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  due_on                @TEXT@ NOT NULL,
  status                @TEXT@ NOT NULL,
  done_on               @TEXT@,
  recorded_by_id        @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  recorded_by_username  @TEXT@ NOT NULL,
  created_at            @TEXT@ NOT NULL,
  updated_at            @TEXT@ NOT NULL,
  revision              BIGINT NOT NULL
);
CREATE INDEX governance_decisions_newest ON governance_decisions (updated_at DESC, id DESC);
CREATE INDEX governance_decisions_by_body ON governance_decisions (body_id, updated_at DESC, id DESC);
CREATE INDEX governance_decisions_by_meeting ON governance_decisions (meeting_id, updated_at DESC, id DESC);
CREATE INDEX governance_decisions_by_status ON governance_decisions (status, updated_at DESC, id DESC);
