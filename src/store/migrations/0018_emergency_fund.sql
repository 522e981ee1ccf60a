-- The emergency security fund (issue 16; seed 2025 review §§ 25, 27, 40-41): its expenditure
-- authorities (data: who approves up to what), contributions, requests for surge capacity, the
-- fund's running account (one row, updated at its revision by every movement: racing approvals
-- are serialized and can never overdraw it) and the append-only double-entry ledger (triggers in
-- 0018_emergency_fund.<backend>.sql). One fund, in USD; money in integer minor units.

CREATE TABLE fund_authorities (
  id          @TEXT@ PRIMARY KEY,
  role        @TEXT@ NOT NULL,
  limit_minor BIGINT NOT NULL,
  unlimited   INTEGER NOT NULL,
  label       @TEXT@ NOT NULL,
  created_at  @TEXT@ NOT NULL,
  updated_at  @TEXT@ NOT NULL,
  revision    BIGINT NOT NULL
);
CREATE INDEX fund_authorities_newest ON fund_authorities (updated_at DESC, id DESC);
-- The fund's terms: the fund manager approves up to USD 250,000, its board above that.
INSERT INTO fund_authorities (id, role, limit_minor, unlimited, label, created_at, updated_at, revision) VALUES
  ('fau_manager', 'fund_manager', 25000000, 0, 'Fund manager (up to USD 250,000)',
   '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1),
  ('fau_board', 'fund_board', 0, 1, 'Board of the fund (above USD 250,000)',
   '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1);

CREATE TABLE fund_accounts (
  id                  @TEXT@ PRIMARY KEY,
  currency            @TEXT@ NOT NULL,
  contributions_minor BIGINT NOT NULL,
  available_minor     BIGINT NOT NULL CHECK (available_minor >= 0),
  committed_minor     BIGINT NOT NULL CHECK (committed_minor >= 0),
  disbursed_minor     BIGINT NOT NULL CHECK (disbursed_minor >= 0),
  movements           BIGINT NOT NULL,
  created_at          @TEXT@ NOT NULL,
  updated_at          @TEXT@ NOT NULL,
  revision            BIGINT NOT NULL
);
CREATE INDEX fund_accounts_newest ON fund_accounts (updated_at DESC, id DESC);
INSERT INTO fund_accounts (id, currency, contributions_minor, available_minor, committed_minor, disbursed_minor,
                           movements, created_at, updated_at, revision)
  VALUES ('fund', 'USD', 0, 0, 0, 0, 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1);

CREATE TABLE fund_contributions (
  id                   @TEXT@ PRIMARY KEY,
  donor_org_id         @TEXT@ REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  amount_minor         BIGINT NOT NULL,
  currency             @TEXT@ NOT NULL,
  earmark              @TEXT@ NOT NULL,
  conditions           @TEXT@ NOT NULL,
  recorded_by_id       @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  recorded_by_username @TEXT@ NOT NULL,
  movement_id          @TEXT@ NOT NULL,
  created_at           @TEXT@ NOT NULL,
  updated_at           @TEXT@ NOT NULL,
  revision             BIGINT NOT NULL
);
CREATE INDEX fund_contributions_newest ON fund_contributions (updated_at DESC, id DESC);
CREATE INDEX fund_contributions_by_donor_org_id ON fund_contributions (donor_org_id, updated_at DESC, id DESC);

CREATE TABLE fund_requests (
  id                    @TEXT@ PRIMARY KEY,
  area_id               @TEXT@ REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  country_id            @TEXT@ REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  organization_id       @TEXT@ REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  purpose               @TEXT@ NOT NULL,
  amount_minor          BIGINT NOT NULL,
  currency              @TEXT@ NOT NULL,
  days                  INTEGER NOT NULL,
  basis_kind            @TEXT@ NOT NULL,
  basis_id              @TEXT@ NOT NULL,
  routed_to             @TEXT@ NOT NULL,
  authority_id          @TEXT@ REFERENCES fund_authorities (id) DEFERRABLE INITIALLY DEFERRED,
  status                @TEXT@ NOT NULL,
  requested_by_id       @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  requested_by_username @TEXT@ NOT NULL,
  submitted_at          @TEXT@ NOT NULL,
  decided_by_id         @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  decided_by_username   @TEXT@ NOT NULL,
  decided_at            @TEXT@,
  decision_reason       @TEXT@ NOT NULL,
  disbursed_minor       BIGINT NOT NULL,
  returned_minor        BIGINT NOT NULL,
  created_at            @TEXT@ NOT NULL,
  updated_at            @TEXT@ NOT NULL,
  revision              BIGINT NOT NULL
);
CREATE INDEX fund_requests_newest ON fund_requests (updated_at DESC, id DESC);
CREATE INDEX fund_requests_by_status ON fund_requests (status, updated_at DESC, id DESC);
CREATE INDEX fund_requests_by_area_id ON fund_requests (area_id, updated_at DESC, id DESC);
CREATE INDEX fund_requests_by_organization_id ON fund_requests (organization_id, updated_at DESC, id DESC);

CREATE TABLE fund_ledger (
  id                  @TEXT@ PRIMARY KEY,
  movement_id         @TEXT@ NOT NULL,
  seq                 INTEGER NOT NULL,
  at                  @TEXT@ NOT NULL,
  kind                @TEXT@ NOT NULL,
  account             @TEXT@ NOT NULL,
  debit_minor         BIGINT NOT NULL CHECK (debit_minor >= 0),
  credit_minor        BIGINT NOT NULL CHECK (credit_minor >= 0),
  currency            @TEXT@ NOT NULL,
  request_id          @TEXT@ REFERENCES fund_requests (id) DEFERRABLE INITIALLY DEFERRED,
  contribution_id     @TEXT@ REFERENCES fund_contributions (id) DEFERRABLE INITIALLY DEFERRED,
  reverses            @TEXT@ NOT NULL,
  by_id               @TEXT@ NOT NULL,
  by_username         @TEXT@ NOT NULL,
  created_at          @TEXT@ NOT NULL,
  updated_at          @TEXT@ NOT NULL,
  revision            BIGINT NOT NULL,
  CONSTRAINT fund_ledger_movement_seq_key UNIQUE (movement_id, seq)
);
CREATE INDEX fund_ledger_newest ON fund_ledger (updated_at DESC, id DESC);
CREATE INDEX fund_ledger_by_request_id ON fund_ledger (request_id, updated_at DESC, id DESC);
CREATE INDEX fund_ledger_by_movement_id ON fund_ledger (movement_id, updated_at DESC, id DESC);
