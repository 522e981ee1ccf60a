-- The fund's ledger is append-only, as the audit log is: no UPDATE, no DELETE, and no INSERT OR
-- REPLACE over an existing entry (which would delete it without firing the delete trigger).
CREATE TRIGGER fund_ledger_no_update BEFORE UPDATE ON fund_ledger
BEGIN
  SELECT RAISE(ABORT, 'fund ledger is append-only');
END;
CREATE TRIGGER fund_ledger_no_delete BEFORE DELETE ON fund_ledger
BEGIN
  SELECT RAISE(ABORT, 'fund ledger is append-only');
END;
CREATE TRIGGER fund_ledger_no_replace BEFORE INSERT ON fund_ledger
WHEN EXISTS (SELECT 1 FROM fund_ledger WHERE id = NEW.id)
BEGIN
  SELECT RAISE(ABORT, 'fund ledger is append-only');
END;
