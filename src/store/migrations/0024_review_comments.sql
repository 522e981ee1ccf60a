-- Issue 18: review comments on an SRA version (domain/records/review_comment_records.h), made by a
-- reviewer at a step of the approval chain, attached to the whole SRA, a scenario, a scenario's
-- field or a wizard step (`anchor`), and resolved by the assessor. Listed per SRA version.
CREATE TABLE review_comments (
  id                   @TEXT@ PRIMARY KEY,
  sra_id               @TEXT@ NOT NULL REFERENCES sras (id) DEFERRABLE INITIALLY DEFERRED,
  series_id            @TEXT@ NOT NULL,
  sra_version          INTEGER NOT NULL,
  sra_revision         BIGINT NOT NULL,
  sra_status           @TEXT@ NOT NULL,
  anchor               @TEXT@ NOT NULL,
  comment_text         @TEXT@ NOT NULL,
  author_id            @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  author_username      @TEXT@ NOT NULL,
  author_role          @TEXT@ NOT NULL,
  made_at              @TEXT@ NOT NULL,
  resolved_at          @TEXT@,
  resolved_by_id       @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  resolved_by_username @TEXT@ NOT NULL,
  created_at           @TEXT@ NOT NULL,
  updated_at           @TEXT@ NOT NULL,
  revision             BIGINT NOT NULL
);
CREATE INDEX review_comments_newest ON review_comments (updated_at DESC, id DESC);
CREATE INDEX review_comments_by_sra ON review_comments (sra_id, updated_at DESC, id DESC);
