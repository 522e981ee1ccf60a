-- PostgreSQL twin of migrations/sqlite/0002_docs.sql: documents of later capabilities (clearance
-- requests, compliance items, go/no-go decisions...) with indexed scope, status and time-window
-- columns beside the JSON body.
CREATE TABLE docs (
  kind       TEXT COLLATE "C" NOT NULL,
  id         TEXT COLLATE "C" NOT NULL,
  org_id     TEXT COLLATE "C" NOT NULL DEFAULT '',
  country_id TEXT COLLATE "C" NOT NULL DEFAULT '',
  area_id    TEXT COLLATE "C" NOT NULL DEFAULT '',
  status     TEXT COLLATE "C" NOT NULL DEFAULT '',
  starts_on  TEXT COLLATE "C" NOT NULL DEFAULT '',
  ends_on    TEXT COLLATE "C" NOT NULL DEFAULT '',
  ref_id     TEXT COLLATE "C" NOT NULL DEFAULT '',
  owner_id   TEXT COLLATE "C" NOT NULL DEFAULT '',
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL,
  revision   BIGINT NOT NULL,
  doc        TEXT COLLATE "C" NOT NULL,
  CONSTRAINT docs_pkey PRIMARY KEY (kind, id)
);
CREATE INDEX docs_newest ON docs (kind, updated_at DESC, id DESC);
CREATE INDEX docs_by_area ON docs (kind, area_id, updated_at DESC);
CREATE INDEX docs_by_org ON docs (kind, org_id, updated_at DESC);
CREATE INDEX docs_by_ref ON docs (kind, ref_id);
CREATE INDEX docs_by_owner ON docs (kind, owner_id);
