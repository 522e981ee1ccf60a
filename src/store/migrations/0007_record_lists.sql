-- The lists inside decision records (0006 kept them as JSON text) become child tables: one row per
-- element, keyed by the parent's id and the element's place in the list (ordinal, from 0), with a
-- typed column per element field. The store writes them in the parent's transaction and reads a
-- page's children with one query per child table (store/sql/decision_tables.h).
--
-- Each JSON column's elements move into its table (only elements of the list's type, as the
-- codec read them), then the column is dropped. A request's leg_ids may be absent (a preview), which
-- an empty list is not: leg_ids_listed keeps that difference. (Parents are updated before any child
-- table references them: PostgreSQL refuses to ALTER a table with pending deferred checks.)

ALTER TABLE clearance_requests ADD COLUMN leg_ids_listed INTEGER NOT NULL DEFAULT 0;
UPDATE clearance_requests SET leg_ids_listed = 1 WHERE leg_ids IS NOT NULL;

CREATE TABLE clearance_request_legs (
  request_id  @TEXT@ NOT NULL REFERENCES clearance_requests (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal     INTEGER NOT NULL,
  leg_id      @TEXT@ NOT NULL,
  PRIMARY KEY (request_id, ordinal)
);

CREATE TABLE clearance_leg_reasons (
  leg_id      @TEXT@ NOT NULL REFERENCES clearance_legs (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal     INTEGER NOT NULL,
  code        @TEXT@ NOT NULL,
  message     @TEXT@ NOT NULL,
  PRIMARY KEY (leg_id, ordinal)
);

CREATE TABLE clearance_leg_history (
  leg_id      @TEXT@ NOT NULL REFERENCES clearance_legs (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal     INTEGER NOT NULL,
  at          @TEXT@ NOT NULL,
  status      @TEXT@ NOT NULL,
  rule        @TEXT@ NOT NULL,
  "by"        @TEXT@ NOT NULL,
  role        @TEXT@,
  comment     @TEXT@,
  cause       @TEXT@,
  PRIMARY KEY (leg_id, ordinal)
);

CREATE TABLE specific_sra_approval_history (
  approval_id @TEXT@ NOT NULL REFERENCES specific_sra_approvals (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal     INTEGER NOT NULL,
  at          @TEXT@ NOT NULL,
  action      @TEXT@ NOT NULL,
  "by"        @TEXT@ NOT NULL,
  role        @TEXT@,
  comment     @TEXT@ NOT NULL,
  PRIMARY KEY (approval_id, ordinal)
);

CREATE TABLE activity_decision_reasons (
  decision_id @TEXT@ NOT NULL REFERENCES activity_decisions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal     INTEGER NOT NULL,
  code        @TEXT@ NOT NULL,
  message     @TEXT@ NOT NULL,
  PRIMARY KEY (decision_id, ordinal)
);

CREATE TABLE activity_decision_options (
  decision_id @TEXT@ NOT NULL REFERENCES activity_decisions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal     INTEGER NOT NULL,
  option      @TEXT@ NOT NULL,
  detail      @TEXT@ NOT NULL,
  PRIMARY KEY (decision_id, ordinal)
);

CREATE TABLE activity_decision_missing (
  decision_id @TEXT@ NOT NULL REFERENCES activity_decisions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal     INTEGER NOT NULL,
  item        @TEXT@ NOT NULL,
  PRIMARY KEY (decision_id, ordinal)
);

CREATE TABLE activity_decision_history (
  decision_id @TEXT@ NOT NULL REFERENCES activity_decisions (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal     INTEGER NOT NULL,
  at          @TEXT@ NOT NULL,
  status      @TEXT@ NOT NULL,
  cause       @TEXT@ NOT NULL,
  PRIMARY KEY (decision_id, ordinal)
);

CREATE TABLE compliance_item_evidence (
  item_id     @TEXT@ NOT NULL REFERENCES compliance_items (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal     INTEGER NOT NULL,
  text        @TEXT@ NOT NULL,
  "by"        @TEXT@ NOT NULL,
  at          @TEXT@ NOT NULL,
  PRIMARY KEY (item_id, ordinal)
);

CREATE TABLE compliance_item_history (
  item_id     @TEXT@ NOT NULL REFERENCES compliance_items (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal     INTEGER NOT NULL,
  at          @TEXT@ NOT NULL,
  "by"        @TEXT@ NOT NULL,
  status      @TEXT@ NOT NULL,
  evidence    @TEXT@ NOT NULL,
  comment     @TEXT@ NOT NULL,
  PRIMARY KEY (item_id, ordinal)
);

-- Move the elements of each JSON column into its table.
INSERT INTO clearance_request_legs (request_id, ordinal, leg_id)
SELECT t.id, @json_index(e)@, @json_element_text(e)@
FROM clearance_requests t, @json_each(t.leg_ids, e)@
WHERE t.leg_ids IS NOT NULL AND @json_element_is(e, string)@;

INSERT INTO clearance_leg_reasons (leg_id, ordinal, code, message)
SELECT t.id, @json_index(e)@,
       COALESCE(@json_text(e.value, code)@, ''),
       COALESCE(@json_text(e.value, message)@, '')
FROM clearance_legs t, @json_each(t.reasons, e)@
WHERE t.reasons IS NOT NULL AND @json_element_is(e, object)@;

INSERT INTO clearance_leg_history (leg_id, ordinal, at, status, rule, "by", role, comment, cause)
SELECT t.id, @json_index(e)@,
       COALESCE(@json_text(e.value, at)@, ''),
       COALESCE(@json_text(e.value, status)@, ''),
       COALESCE(@json_text(e.value, rule)@, ''),
       COALESCE(@json_text(e.value, by)@, ''),
       @json_text(e.value, role)@,
       @json_text(e.value, comment)@,
       @json_text(e.value, cause)@
FROM clearance_legs t, @json_each(t.history, e)@
WHERE t.history IS NOT NULL AND @json_element_is(e, object)@;

INSERT INTO specific_sra_approval_history (approval_id, ordinal, at, action, "by", role, comment)
SELECT t.id, @json_index(e)@,
       COALESCE(@json_text(e.value, at)@, ''),
       COALESCE(@json_text(e.value, action)@, ''),
       COALESCE(@json_text(e.value, by)@, ''),
       @json_text(e.value, role)@,
       COALESCE(@json_text(e.value, comment)@, '')
FROM specific_sra_approvals t, @json_each(t.history, e)@
WHERE t.history IS NOT NULL AND @json_element_is(e, object)@;

INSERT INTO activity_decision_reasons (decision_id, ordinal, code, message)
SELECT t.id, @json_index(e)@,
       COALESCE(@json_text(e.value, code)@, ''),
       COALESCE(@json_text(e.value, message)@, '')
FROM activity_decisions t, @json_each(t.reasons, e)@
WHERE t.reasons IS NOT NULL AND @json_element_is(e, object)@;

INSERT INTO activity_decision_options (decision_id, ordinal, option, detail)
SELECT t.id, @json_index(e)@,
       COALESCE(@json_text(e.value, option)@, ''),
       COALESCE(@json_text(e.value, detail)@, '')
FROM activity_decisions t, @json_each(t.options, e)@
WHERE t.options IS NOT NULL AND @json_element_is(e, object)@;

INSERT INTO activity_decision_missing (decision_id, ordinal, item)
SELECT t.id, @json_index(e)@, @json_element_text(e)@
FROM activity_decisions t, @json_each(t.missing, e)@
WHERE t.missing IS NOT NULL AND @json_element_is(e, string)@;

INSERT INTO activity_decision_history (decision_id, ordinal, at, status, cause)
SELECT t.id, @json_index(e)@,
       COALESCE(@json_text(e.value, at)@, ''),
       COALESCE(@json_text(e.value, status)@, ''),
       COALESCE(@json_text(e.value, cause)@, '')
FROM activity_decisions t, @json_each(t.history, e)@
WHERE t.history IS NOT NULL AND @json_element_is(e, object)@;

INSERT INTO compliance_item_evidence (item_id, ordinal, text, "by", at)
SELECT t.id, @json_index(e)@,
       COALESCE(@json_text(e.value, text)@, ''),
       COALESCE(@json_text(e.value, by)@, ''),
       COALESCE(@json_text(e.value, at)@, '')
FROM compliance_items t, @json_each(t.evidence, e)@
WHERE t.evidence IS NOT NULL AND @json_element_is(e, object)@;

INSERT INTO compliance_item_history (item_id, ordinal, at, "by", status, evidence, comment)
SELECT t.id, @json_index(e)@,
       COALESCE(@json_text(e.value, at)@, ''),
       COALESCE(@json_text(e.value, by)@, ''),
       COALESCE(@json_text(e.value, status)@, ''),
       COALESCE(@json_text(e.value, evidence)@, ''),
       COALESCE(@json_text(e.value, comment)@, '')
FROM compliance_items t, @json_each(t.history, e)@
WHERE t.history IS NOT NULL AND @json_element_is(e, object)@;

ALTER TABLE clearance_requests DROP COLUMN leg_ids;
ALTER TABLE clearance_legs DROP COLUMN reasons;
ALTER TABLE clearance_legs DROP COLUMN history;
ALTER TABLE specific_sra_approvals DROP COLUMN history;
ALTER TABLE activity_decisions DROP COLUMN reasons;
ALTER TABLE activity_decisions DROP COLUMN options;
ALTER TABLE activity_decisions DROP COLUMN missing;
ALTER TABLE activity_decisions DROP COLUMN history;
ALTER TABLE compliance_items DROP COLUMN evidence;
ALTER TABLE compliance_items DROP COLUMN history;
