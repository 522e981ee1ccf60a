-- The access log is append-only, as the audit log is (0001, 0005): no UPDATE, no DELETE, and no
-- INSERT OR REPLACE over an existing row (which would delete it without firing the delete trigger).
CREATE TRIGGER sra_access_log_no_update BEFORE UPDATE ON sra_access_log
BEGIN
  SELECT RAISE(ABORT, 'access log is append-only');
END;
CREATE TRIGGER sra_access_log_no_delete BEFORE DELETE ON sra_access_log
BEGIN
  SELECT RAISE(ABORT, 'access log is append-only');
END;
CREATE TRIGGER sra_access_log_no_replace BEFORE INSERT ON sra_access_log
WHEN EXISTS (SELECT 1 FROM sra_access_log WHERE batch_id = NEW.batch_id AND ordinal = NEW.ordinal)
BEGIN
  SELECT RAISE(ABORT, 'access log is append-only');
END;
