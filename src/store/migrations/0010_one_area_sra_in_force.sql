-- One area SRA in force per area (SRM-METHOD.md 7a, issue 14). Publishing a new area SRA now
-- supersedes the one in force in the same transaction, but a database may hold two or more
-- published area SRAs in one area made before that rule. This keeps the newest (latest
-- published_at, then id) and supersedes the others the way publishing does: status column and
-- document both say "superseded", the document's history gets a "supersede" entry naming the SRA
-- now in force, and updated_at / revision move on (so a client holding the old revision is
-- refused). A fresh database has nothing to supersede: the statements then change no row.
--
-- The audit chain is not touched: its entries are hash-linked by the service (SHA-256 over the
-- previous hash and the entry, store/audit_chain.h), which SQLite cannot compute in SQL, and an
-- entry appended without its link would make verification fail. The correction is recorded in
-- each SRA's own history ("by": "migration 0010") and in schema_migrations. What rested on a
-- superseded SRA (activity decisions, clearance legs already decided) is re-decided at the next
-- publication in its area; new decisions already use the one SRA in force.

CREATE TABLE sras_superseded_0010 (
  id          @TEXT@ PRIMARY KEY,
  in_force_id @TEXT@ NOT NULL,
  in_force_version INTEGER NOT NULL
);

INSERT INTO sras_superseded_0010 (id, in_force_id, in_force_version)
SELECT s.id, n.id, n.version
FROM sras s
JOIN sras n ON n.area_id = s.area_id AND n.kind = 'area' AND n.status = 'published' AND n.id <> s.id
WHERE s.kind = 'area' AND s.status = 'published'
  AND NOT EXISTS (
    SELECT 1 FROM sras m
    WHERE m.kind = 'area' AND m.status = 'published' AND m.area_id = n.area_id AND m.id <> n.id
      AND (COALESCE(NULLIF(@json_text(m.doc, published_at)@, ''), m.updated_at) >
             COALESCE(NULLIF(@json_text(n.doc, published_at)@, ''), n.updated_at)
           OR (COALESCE(NULLIF(@json_text(m.doc, published_at)@, ''), m.updated_at) =
                 COALESCE(NULLIF(@json_text(n.doc, published_at)@, ''), n.updated_at)
               AND m.id > n.id)));
