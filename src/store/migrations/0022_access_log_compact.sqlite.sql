-- SQLite: the table becomes WITHOUT ROWID, clustered on its primary key (batch_id, ordinal). The
-- rowid table kept every row twice over on that key (the row under its rowid, plus the key's own
-- index); now the key IS the row's place, so an insert writes the table and the by-SRA index only.
-- Batches are written in increasing id order, so new rows append at the end of the table.
CREATE TABLE sra_access_log_0022 (
  batch_id    TEXT NOT NULL,
  ordinal     INTEGER NOT NULL,
  at          TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  user_name   TEXT NOT NULL,
  sra_id      TEXT NOT NULL,
  version     INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  format      TEXT NOT NULL,
  resource    TEXT NOT NULL,
  client_addr TEXT NOT NULL,
  request_id  TEXT NOT NULL,
  PRIMARY KEY (batch_id, ordinal)
) WITHOUT ROWID;
INSERT INTO sra_access_log_0022 (batch_id, ordinal, at, user_id, user_name, sra_id, version, kind, format, resource,
                                 client_addr, request_id)
  SELECT batch_id, ordinal, at, user_id, user_name, sra_id, version, kind, format, resource, client_addr, request_id
  FROM sra_access_log ORDER BY batch_id, ordinal;
-- Dropping the table drops its triggers and index; its rows are not deleted one by one, so the
-- append-only triggers do not fire.
DROP TABLE sra_access_log;
ALTER TABLE sra_access_log_0022 RENAME TO sra_access_log;
CREATE INDEX sra_access_log_by_sra ON sra_access_log (sra_id, at DESC, batch_id DESC, ordinal DESC);
-- Append-only, as in 0016: no UPDATE, no DELETE, and no INSERT OR REPLACE over an existing row
-- (REPLACE deletes the old row without firing the delete trigger).
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
