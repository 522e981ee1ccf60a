-- The fund's ledger is append-only, as the audit log is: no UPDATE, DELETE or TRUNCATE (an upsert
-- over an existing entry fires the update trigger and is refused too).
CREATE FUNCTION fund_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'fund ledger is append-only' USING ERRCODE = 'restrict_violation';
END;
$fn$;

CREATE TRIGGER fund_ledger_no_update BEFORE UPDATE ON fund_ledger
  FOR EACH ROW EXECUTE FUNCTION fund_ledger_append_only();
CREATE TRIGGER fund_ledger_no_delete BEFORE DELETE ON fund_ledger
  FOR EACH ROW EXECUTE FUNCTION fund_ledger_append_only();
CREATE TRIGGER fund_ledger_no_truncate BEFORE TRUNCATE ON fund_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION fund_ledger_append_only();
