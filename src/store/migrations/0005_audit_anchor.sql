-- Signed checkpoints of the audit chain's head (store/audit_anchor.h). Each server keeps its own
-- checkpoints in a file outside the database; where several servers share the database
-- (PostgreSQL), each also keeps its newest one here, written in the same transaction as the entries
-- it names, so that a verification on any server sees every server's head. A checkpoint is only as
-- good as its signature: whoever can write this table can remove rows, not forge them. An SQLite
-- file has one server, so there the table stays empty (it exists so `srm db copy` moves every
-- table). The guards (the audit log refusing REPLACE; checkpoints never deleted) are in
-- 0005_audit_anchor.<backend>.sql.
CREATE TABLE audit_checkpoints (
  server_id  @TEXT@ PRIMARY KEY,
  seq        @INT64@ NOT NULL,
  head_hash  @TEXT@ NOT NULL,
  at         @TEXT@ NOT NULL,
  public_key @TEXT@ NOT NULL,
  signature  @TEXT@ NOT NULL
);
