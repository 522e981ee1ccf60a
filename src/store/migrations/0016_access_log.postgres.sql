-- The access log is append-only, as the audit log is (0001): no UPDATE, DELETE or TRUNCATE
-- (an upsert over an existing row fires the update trigger and is refused too).
CREATE FUNCTION sra_access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'access log is append-only' USING ERRCODE = 'restrict_violation';
END;
$fn$;

CREATE TRIGGER sra_access_log_no_update BEFORE UPDATE ON sra_access_log
  FOR EACH ROW EXECUTE FUNCTION sra_access_log_append_only();
CREATE TRIGGER sra_access_log_no_delete BEFORE DELETE ON sra_access_log
  FOR EACH ROW EXECUTE FUNCTION sra_access_log_append_only();
CREATE TRIGGER sra_access_log_no_truncate BEFORE TRUNCATE ON sra_access_log
  FOR EACH STATEMENT EXECUTE FUNCTION sra_access_log_append_only();
