-- The local cost-shared security budget of a country and year (SRM-METHOD.md 7, issue 15): the
-- budget, its lines (each traced to a measure of a published SRA and priced from a published
-- price list), the headcount per organization it is apportioned by, its workflow history, and the
-- shares frozen when it is approved. Money is an integer count of minor units.

CREATE TABLE budgets (
  id                   @TEXT@ PRIMARY KEY,
  country_id           @TEXT@ REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  year                 INTEGER NOT NULL,
  currency             @TEXT@ NOT NULL,
  reference_date       @TEXT@ NOT NULL,
  status               @TEXT@ NOT NULL,
  minimum_num          BIGINT NOT NULL,
  minimum_den          BIGINT NOT NULL,
  decrease_num         BIGINT NOT NULL,
  decrease_den         BIGINT NOT NULL,
  total_minor          BIGINT NOT NULL,
  drafted_by_id        @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  drafted_by_username  @TEXT@ NOT NULL,
  endorsed_by_id       @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  endorsed_by_username @TEXT@ NOT NULL,
  endorsed_at          @TEXT@,
  approved_by_id       @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  approved_by_username @TEXT@ NOT NULL,
  approved_at          @TEXT@,
  created_at           @TEXT@ NOT NULL,
  updated_at           @TEXT@ NOT NULL,
  revision             BIGINT NOT NULL,
  CONSTRAINT budgets_country_year_key UNIQUE (country_id, year)
);
CREATE INDEX budgets_newest ON budgets (updated_at DESC, id DESC);
CREATE INDEX budgets_by_country ON budgets (country_id, updated_at DESC, id DESC);
CREATE INDEX budgets_by_year ON budgets (year, updated_at DESC, id DESC);
CREATE INDEX budgets_by_status ON budgets (status, updated_at DESC, id DESC);

CREATE TABLE budget_lines (
  parent_id                @TEXT@ NOT NULL REFERENCES budgets (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal                  INTEGER NOT NULL,
  id                       @TEXT@ NOT NULL,
  sra_id                   @TEXT@ NOT NULL REFERENCES sras (id) DEFERRABLE INITIALLY DEFERRED,
  measure_id               @TEXT@ NOT NULL,
  service_code             @TEXT@ NOT NULL,
  quantity                 BIGINT NOT NULL,
  funding_source           @TEXT@ NOT NULL,
  description              @TEXT@ NOT NULL,
  price_list_id            @TEXT@ NOT NULL REFERENCES price_lists (id) DEFERRABLE INITIALLY DEFERRED,
  unit_price_minor         BIGINT NOT NULL,
  regional_factor_permille INTEGER NOT NULL,
  amount_minor             BIGINT NOT NULL,
  added_by_id              @TEXT@ NOT NULL,
  added_by_username        @TEXT@ NOT NULL,
  added_at                 @TEXT@ NOT NULL,
  PRIMARY KEY (parent_id, ordinal)
);
CREATE INDEX budget_lines_by_sra ON budget_lines (sra_id);

CREATE TABLE budget_headcounts (
  parent_id       @TEXT@ NOT NULL REFERENCES budgets (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal         INTEGER NOT NULL,
  organization_id @TEXT@ NOT NULL REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  headcount       BIGINT NOT NULL,
  PRIMARY KEY (parent_id, ordinal)
);

CREATE TABLE budget_shares (
  parent_id       @TEXT@ NOT NULL REFERENCES budgets (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal         INTEGER NOT NULL,
  organization_id @TEXT@ NOT NULL REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  amount_minor    BIGINT NOT NULL,
  basis           @TEXT@ NOT NULL,
  PRIMARY KEY (parent_id, ordinal)
);

CREATE TABLE budget_history (
  parent_id @TEXT@ NOT NULL REFERENCES budgets (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal   INTEGER NOT NULL,
  at        @TEXT@ NOT NULL,
  action    @TEXT@ NOT NULL,
  "by"      @TEXT@ NOT NULL,
  role      @TEXT@ NOT NULL,
  comment   @TEXT@ NOT NULL,
  PRIMARY KEY (parent_id, ordinal)
);
