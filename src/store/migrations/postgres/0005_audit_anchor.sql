-- Signed checkpoints of the audit chain's head (store/audit_anchor.h). Each server keeps its own
-- checkpoints in a file outside the database; with several servers on this database, each also
-- keeps its newest one here, written in the same transaction as the entries it names, so that a
-- verification on any server sees every server's head. A checkpoint is only as good as its
-- signature: whoever can write this table can remove rows, not forge them.
--
-- The audit log itself needs nothing new here: PostgreSQL has no REPLACE, and INSERT ... ON
-- CONFLICT DO UPDATE on an existing seq fires the BEFORE UPDATE trigger of 0001, which refuses it
-- (tests/store/postgres_store_test.cpp checks both).
CREATE TABLE audit_checkpoints (
  server_id  TEXT COLLATE "C" CONSTRAINT audit_checkpoints_pkey PRIMARY KEY,
  seq        BIGINT NOT NULL,
  head_hash  TEXT COLLATE "C" NOT NULL,
  at         TEXT COLLATE "C" NOT NULL,
  public_key TEXT COLLATE "C" NOT NULL,
  signature  TEXT COLLATE "C" NOT NULL
);

-- A server's row is replaced by its next checkpoint (always: after a truncation the next append
-- must not fail, and the server's own file keeps the checkpoints the row no longer shows); rows are
-- never deleted.
CREATE FUNCTION audit_checkpoints_kept() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'audit checkpoints are kept' USING ERRCODE = 'restrict_violation';
END;
$fn$;

CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_kept();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_kept();
