-- The audit log refuses every way of replacing an entry. INSERT OR REPLACE (and REPLACE INTO)
-- deletes the conflicting row without firing the delete trigger of 0001 (recursive_triggers is
-- off), so an entry could be rewritten in place; an upsert (INSERT ... ON CONFLICT DO UPDATE) on an
-- existing seq fires the update trigger already, and is refused here first. New entries only ever
-- take the next seq, so this costs one primary-key lookup per append.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE seq = NEW.seq)
BEGIN
  SELECT RAISE(ABORT, 'audit log is append-only');
END;
