-- Initial schema, for both backends (README.md in this folder: @TEXT@ is PostgreSQL's TEXT
-- COLLATE "C" so ORDER BY and page cursors compare bytes as SQLite does; @REAL@ an 8-byte float;
-- @INT64@ SQLite's rowid alias INTEGER, BIGINT on PostgreSQL). Constraints are named only where
-- PostgreSQL's default name would differ from the one store/sql/constraint_codes.cpp maps. The
-- append-only guards of the audit log are in 0001_init.<backend>.sql.
-- Optional references are NULL when absent; the store reads NULL back as "".

CREATE TABLE organizations (
  id   @TEXT@ PRIMARY KEY,
  code @TEXT@ NOT NULL,
  name @TEXT@ NOT NULL
);

CREATE TABLE regions (
  id   @TEXT@ PRIMARY KEY,
  name @TEXT@ NOT NULL
);

CREATE TABLE countries (
  id        @TEXT@ PRIMARY KEY,
  region_id @TEXT@ REFERENCES regions (id),
  iso2      @TEXT@ NOT NULL,
  name      @TEXT@ NOT NULL
);
CREATE INDEX countries_by_region ON countries (region_id);

CREATE TABLE areas (
  id         @TEXT@ PRIMARY KEY,
  country_id @TEXT@ REFERENCES countries (id),
  name       @TEXT@ NOT NULL,
  geometry   @TEXT@ NOT NULL DEFAULT ''
);
CREATE INDEX areas_by_country ON areas (country_id);

CREATE TABLE locations (
  id      @TEXT@ PRIMARY KEY,
  area_id @TEXT@ REFERENCES areas (id),
  name    @TEXT@ NOT NULL,
  kind    @TEXT@ NOT NULL,
  lat     @REAL@ NOT NULL,
  lon     @REAL@ NOT NULL
);
CREATE INDEX locations_by_area ON locations (area_id);

CREATE TABLE programmes (
  id              @TEXT@ PRIMARY KEY,
  organization_id @TEXT@ REFERENCES organizations (id),
  area_id         @TEXT@ REFERENCES areas (id),
  name            @TEXT@ NOT NULL,
  activity        @TEXT@ NOT NULL,
  pc              INTEGER NOT NULL,
  international   INTEGER NOT NULL,
  national        INTEGER NOT NULL,
  on_mission      INTEGER NOT NULL
);
CREATE INDEX programmes_by_area ON programmes (area_id);
CREATE INDEX programmes_by_organization ON programmes (organization_id);

-- grants: JSON array of {"role", "org_id", "country_id", "area_id"}.
CREATE TABLE users (
  id              @TEXT@ PRIMARY KEY,
  username        @TEXT@ NOT NULL UNIQUE,
  display_name    @TEXT@ NOT NULL,
  organization_id @TEXT@ NOT NULL,
  password_hash   @TEXT@ NOT NULL,
  grants          @TEXT@ NOT NULL,
  disabled        INTEGER NOT NULL,
  created_at      @TEXT@ NOT NULL
);

CREATE TABLE sessions (
  token_hash @TEXT@ PRIMARY KEY,
  user_id    @TEXT@ NOT NULL REFERENCES users (id),
  kind       @TEXT@ NOT NULL,
  csrf_token @TEXT@ NOT NULL,
  created_ms BIGINT NOT NULL,
  expires_ms BIGINT NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_ms);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE login_failures (
  username @TEXT@ NOT NULL,
  at_ms    BIGINT NOT NULL
);
CREATE INDEX login_failures_by_user ON login_failures (username, at_ms);

CREATE TABLE methods (
  version      @TEXT@ PRIMARY KEY,
  json         @TEXT@ NOT NULL,
  active       INTEGER NOT NULL,
  installed_at @TEXT@ NOT NULL
);
-- At most one active pack.
CREATE UNIQUE INDEX methods_one_active ON methods (active) WHERE active = 1;

CREATE TABLE sras (
  id               @TEXT@ PRIMARY KEY,
  series_id        @TEXT@ NOT NULL,
  version          INTEGER NOT NULL,
  kind             @TEXT@ NOT NULL,
  title            @TEXT@ NOT NULL,
  area_id          @TEXT@ NOT NULL,
  country_id       @TEXT@ NOT NULL,
  organization_id  @TEXT@ NOT NULL,
  status           @TEXT@ NOT NULL,
  method_version   @TEXT@ NOT NULL,
  overall_residual @TEXT@ NOT NULL,
  review_due       @TEXT@ NOT NULL,
  created_at       @TEXT@ NOT NULL,
  updated_at       @TEXT@ NOT NULL,
  revision         BIGINT NOT NULL,
  doc              @TEXT@ NOT NULL,
  CONSTRAINT sras_series_version_key UNIQUE (series_id, version)
);
CREATE INDEX sras_newest ON sras (updated_at DESC, id DESC);
CREATE INDEX sras_by_area ON sras (area_id, updated_at DESC, id DESC);
CREATE INDEX sras_by_country ON sras (country_id, updated_at DESC, id DESC);
CREATE INDEX sras_by_status ON sras (status, updated_at DESC, id DESC);

-- The hash chain of store/audit_chain.h. "before"/"after" are quoted: they are SQL keywords.
CREATE TABLE audit_log (
  seq         @INT64@ PRIMARY KEY,
  at          @TEXT@ NOT NULL,
  actor_id    @TEXT@ NOT NULL,
  actor_name  @TEXT@ NOT NULL,
  role        @TEXT@ NOT NULL,
  action      @TEXT@ NOT NULL,
  object_type @TEXT@ NOT NULL,
  object_id   @TEXT@ NOT NULL,
  "before"    @TEXT@ NOT NULL,
  "after"     @TEXT@ NOT NULL,
  request_id  @TEXT@ NOT NULL,
  prev_hash   @TEXT@ NOT NULL,
  hash        @TEXT@ NOT NULL
);
CREATE INDEX audit_log_by_object ON audit_log (object_id, seq);
