-- The audit log needs nothing new here: PostgreSQL has no REPLACE, and INSERT ... ON CONFLICT DO
-- UPDATE on an existing seq fires the BEFORE UPDATE trigger of 0001, which refuses it
-- (tests/store/postgres_store_test.cpp checks both).
--
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
