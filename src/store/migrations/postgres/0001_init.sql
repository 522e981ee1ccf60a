-- PostgreSQL twin of migrations/sqlite/0001_init.sql: the same tables, columns, keys and indexes,
-- so `srm db copy` moves rows across verbatim. Differences, all deliberate:
--   * every text column uses the "C" collation, so ORDER BY and the page cursors compare bytes
--     exactly as SQLite does, whatever locale the database was created with;
--   * REAL becomes DOUBLE PRECISION (SQLite's REAL is 8 bytes; PostgreSQL's REAL is 4);
--   * audit_log.seq is BIGINT;
--   * constraints are named, so the store maps a violation to the same error code as SQLite;
--   * the append-only guard is a PL/pgSQL trigger, and also refuses TRUNCATE.
-- Optional references are NULL when absent; the store reads NULL back as "".

CREATE TABLE organizations (
  id   TEXT COLLATE "C" CONSTRAINT organizations_pkey PRIMARY KEY,
  code TEXT COLLATE "C" NOT NULL,
  name TEXT COLLATE "C" NOT NULL
);

CREATE TABLE regions (
  id   TEXT COLLATE "C" CONSTRAINT regions_pkey PRIMARY KEY,
  name TEXT COLLATE "C" NOT NULL
);

CREATE TABLE countries (
  id        TEXT COLLATE "C" CONSTRAINT countries_pkey PRIMARY KEY,
  region_id TEXT COLLATE "C" REFERENCES regions (id),
  iso2      TEXT COLLATE "C" NOT NULL,
  name      TEXT COLLATE "C" NOT NULL
);
CREATE INDEX countries_by_region ON countries (region_id);

CREATE TABLE areas (
  id         TEXT COLLATE "C" CONSTRAINT areas_pkey PRIMARY KEY,
  country_id TEXT COLLATE "C" REFERENCES countries (id),
  name       TEXT COLLATE "C" NOT NULL,
  geometry   TEXT COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX areas_by_country ON areas (country_id);

CREATE TABLE locations (
  id      TEXT COLLATE "C" CONSTRAINT locations_pkey PRIMARY KEY,
  area_id TEXT COLLATE "C" REFERENCES areas (id),
  name    TEXT COLLATE "C" NOT NULL,
  kind    TEXT COLLATE "C" NOT NULL,
  lat     DOUBLE PRECISION NOT NULL,
  lon     DOUBLE PRECISION NOT NULL
);
CREATE INDEX locations_by_area ON locations (area_id);

CREATE TABLE programmes (
  id              TEXT COLLATE "C" CONSTRAINT programmes_pkey PRIMARY KEY,
  organization_id TEXT COLLATE "C" REFERENCES organizations (id),
  area_id         TEXT COLLATE "C" REFERENCES areas (id),
  name            TEXT COLLATE "C" NOT NULL,
  activity        TEXT COLLATE "C" NOT NULL,
  pc              INTEGER NOT NULL,
  international   INTEGER NOT NULL,
  national        INTEGER NOT NULL,
  on_mission      INTEGER NOT NULL
);
CREATE INDEX programmes_by_area ON programmes (area_id);
CREATE INDEX programmes_by_organization ON programmes (organization_id);

-- grants: JSON array of {"role", "org_id", "country_id", "area_id"} (text, as in SQLite).
CREATE TABLE users (
  id              TEXT COLLATE "C" CONSTRAINT users_pkey PRIMARY KEY,
  username        TEXT COLLATE "C" NOT NULL CONSTRAINT users_username_key UNIQUE,
  display_name    TEXT COLLATE "C" NOT NULL,
  organization_id TEXT COLLATE "C" NOT NULL,
  password_hash   TEXT COLLATE "C" NOT NULL,
  grants          TEXT COLLATE "C" NOT NULL,
  disabled        INTEGER NOT NULL,
  created_at      TEXT COLLATE "C" NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT COLLATE "C" CONSTRAINT sessions_pkey PRIMARY KEY,
  user_id    TEXT COLLATE "C" NOT NULL REFERENCES users (id),
  kind       TEXT COLLATE "C" NOT NULL,
  csrf_token TEXT COLLATE "C" NOT NULL,
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_ms);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE login_failures (
  username TEXT COLLATE "C" NOT NULL,
  at_ms    BIGINT NOT NULL
);
CREATE INDEX login_failures_by_user ON login_failures (username, at_ms);

CREATE TABLE methods (
  version      TEXT COLLATE "C" CONSTRAINT methods_pkey PRIMARY KEY,
  json         TEXT COLLATE "C" NOT NULL,
  active       INTEGER NOT NULL,
  installed_at TEXT COLLATE "C" NOT NULL
);
-- At most one active pack.
CREATE UNIQUE INDEX methods_one_active ON methods (active) WHERE active = 1;

CREATE TABLE sras (
  id               TEXT COLLATE "C" CONSTRAINT sras_pkey PRIMARY KEY,
  series_id        TEXT COLLATE "C" NOT NULL,
  version          INTEGER NOT NULL,
  kind             TEXT COLLATE "C" NOT NULL,
  title            TEXT COLLATE "C" NOT NULL,
  area_id          TEXT COLLATE "C" NOT NULL,
  country_id       TEXT COLLATE "C" NOT NULL,
  organization_id  TEXT COLLATE "C" NOT NULL,
  status           TEXT COLLATE "C" NOT NULL,
  method_version   TEXT COLLATE "C" NOT NULL,
  overall_residual TEXT COLLATE "C" NOT NULL,
  review_due       TEXT COLLATE "C" NOT NULL,
  created_at       TEXT COLLATE "C" NOT NULL,
  updated_at       TEXT COLLATE "C" NOT NULL,
  revision         BIGINT NOT NULL,
  doc              TEXT COLLATE "C" NOT NULL,
  CONSTRAINT sras_series_version_key UNIQUE (series_id, version)
);
CREATE INDEX sras_newest ON sras (updated_at DESC, id DESC);
CREATE INDEX sras_by_area ON sras (area_id, updated_at DESC, id DESC);
CREATE INDEX sras_by_country ON sras (country_id, updated_at DESC, id DESC);
CREATE INDEX sras_by_status ON sras (status, updated_at DESC, id DESC);

-- The hash chain of store/audit_chain.h. "before"/"after" are quoted as in the SQLite schema.
-- Writers serialise on a transaction-level advisory lock before reading the last entry, so
-- several servers on one database still extend one chain (see postgres_store.cpp).
CREATE TABLE audit_log (
  seq         BIGINT CONSTRAINT audit_log_pkey PRIMARY KEY,
  at          TEXT COLLATE "C" NOT NULL,
  actor_id    TEXT COLLATE "C" NOT NULL,
  actor_name  TEXT COLLATE "C" NOT NULL,
  role        TEXT COLLATE "C" NOT NULL,
  action      TEXT COLLATE "C" NOT NULL,
  object_type TEXT COLLATE "C" NOT NULL,
  object_id   TEXT COLLATE "C" NOT NULL,
  "before"    TEXT COLLATE "C" NOT NULL,
  "after"     TEXT COLLATE "C" NOT NULL,
  request_id  TEXT COLLATE "C" NOT NULL,
  prev_hash   TEXT COLLATE "C" NOT NULL,
  hash        TEXT COLLATE "C" NOT NULL
);
CREATE INDEX audit_log_by_object ON audit_log (object_id, seq);

-- Append-only at the database level: nothing may edit, remove or truncate an entry.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'audit log is append-only' USING ERRCODE = 'restrict_violation';
END;
$fn$;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
