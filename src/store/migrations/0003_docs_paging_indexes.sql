-- Document lists page newest first (ORDER BY updated_at DESC, id DESC). With the by-ref and
-- by-owner indexes lacking that order, the planner walked docs_newest over every document of the
-- kind instead (a republication re-deciding 60 legs read 200,000 rows per request). Each filter
-- index now ends with the paging order, so a filtered page reads only its own rows.
DROP INDEX IF EXISTS docs_by_area;
DROP INDEX IF EXISTS docs_by_org;
DROP INDEX IF EXISTS docs_by_ref;
DROP INDEX IF EXISTS docs_by_owner;
CREATE INDEX docs_by_area ON docs (kind, area_id, updated_at DESC, id DESC);
CREATE INDEX docs_by_org ON docs (kind, org_id, updated_at DESC, id DESC);
CREATE INDEX docs_by_ref ON docs (kind, ref_id, updated_at DESC, id DESC);
CREATE INDEX docs_by_owner ON docs (kind, owner_id, updated_at DESC, id DESC);
