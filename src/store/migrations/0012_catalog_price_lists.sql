-- The results chain (the catalog of security services) and the universal price list
-- (SRM-METHOD.md 8, issue 15). A service is versioned: editing one writes a new row with the same
-- code and the next version and marks the previous row superseded, so one row per code is current.
-- A price list is per year and version; its items, regional factors and arrangements are child
-- rows. Money is an integer count of minor units, factors integers in permille.

CREATE TABLE security_services (
  id                   @TEXT@ PRIMARY KEY,
  code                 @TEXT@ NOT NULL,
  name                 @TEXT@ NOT NULL,
  description          @TEXT@ NOT NULL,
  provider             @TEXT@ NOT NULL,
  unit                 @TEXT@ NOT NULL,
  funding_source       @TEXT@ NOT NULL,
  version              INTEGER NOT NULL,
  superseded           INTEGER NOT NULL,
  created_by_id        @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  created_by_username  @TEXT@ NOT NULL,
  created_at           @TEXT@ NOT NULL,
  updated_at           @TEXT@ NOT NULL,
  revision             BIGINT NOT NULL,
  CONSTRAINT security_services_code_version_key UNIQUE (code, version)
);
CREATE UNIQUE INDEX security_services_one_current ON security_services (code) WHERE superseded = 0;
CREATE INDEX security_services_newest ON security_services (updated_at DESC, id DESC);
CREATE INDEX security_services_by_code ON security_services (code, updated_at DESC, id DESC);
CREATE INDEX security_services_by_superseded ON security_services (superseded, updated_at DESC, id DESC);

CREATE TABLE price_lists (
  id                   @TEXT@ PRIMARY KEY,
  year                 INTEGER NOT NULL,
  currency             @TEXT@ NOT NULL,
  version              INTEGER NOT NULL,
  status               @TEXT@ NOT NULL,
  derived_from_id      @TEXT@ REFERENCES price_lists (id) DEFERRABLE INITIALLY DEFERRED,
  note                 @TEXT@ NOT NULL,
  drafted_by_id        @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  drafted_by_username  @TEXT@ NOT NULL,
  published_by_id      @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  published_by_username @TEXT@ NOT NULL,
  published_at         @TEXT@,
  created_at           @TEXT@ NOT NULL,
  updated_at           @TEXT@ NOT NULL,
  revision             BIGINT NOT NULL,
  CONSTRAINT price_lists_year_version_key UNIQUE (year, version)
);
CREATE INDEX price_lists_newest ON price_lists (updated_at DESC, id DESC);
CREATE INDEX price_lists_by_year ON price_lists (year, updated_at DESC, id DESC);
CREATE INDEX price_lists_by_status ON price_lists (status, updated_at DESC, id DESC);

CREATE TABLE price_list_items (
  parent_id            @TEXT@ NOT NULL REFERENCES price_lists (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal              INTEGER NOT NULL,
  service_code         @TEXT@ NOT NULL,
  unit_price_minor     BIGINT NOT NULL,
  PRIMARY KEY (parent_id, ordinal)
);

CREATE TABLE price_list_regional_factors (
  parent_id            @TEXT@ NOT NULL REFERENCES price_lists (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal              INTEGER NOT NULL,
  country_id           @TEXT@ NOT NULL,
  factor_permille      INTEGER NOT NULL,
  PRIMARY KEY (parent_id, ordinal)
);

CREATE TABLE price_list_arrangements (
  parent_id            @TEXT@ NOT NULL REFERENCES price_lists (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal              INTEGER NOT NULL,
  organization_class   @TEXT@ NOT NULL,
  factor_permille      INTEGER NOT NULL,
  note                 @TEXT@ NOT NULL,
  PRIMARY KEY (parent_id, ordinal)
);
