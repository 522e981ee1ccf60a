-- Decision records (domain/records/decision_records.h) move out of the generic `docs` table into
-- one table per kind, with a column per struct field (nested objects flattened: traveller_name,
-- requested_by_id, exec_approval_by, detail_leg_id ...), foreign keys to what they rest on (the
-- SRA version that decided them, areas, organizations, users, programmes, locations) and an index
-- per list filter ending in the paging order (updated_at DESC, id DESC).
--
-- Optional references are NULL when absent. Lists of values that are never filtered or joined
-- (reasons, history, evidence, options, missing, leg_ids) stay JSON arrays in a text column here
-- (0007 gives them child tables).
--
-- Foreign keys are DEFERRABLE INITIALLY DEFERRED: one transaction writes an SRA version and the
-- records resting on it, or a request and its legs, in whatever order the service builds them.
--
-- The documents of these kinds are then moved (one INSERT ... SELECT per kind, reading the JSON
-- body with the @json_...@ tokens of README.md) and deleted from docs.

CREATE TABLE egs_decisions (
  id                             @TEXT@ PRIMARY KEY,
  area_id                        @TEXT@ REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  area_name                      @TEXT@ NOT NULL,
  country_id                     @TEXT@ REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  decision                       @TEXT@ NOT NULL,
  "from"                         @TEXT@ NOT NULL,
  "to"                           @TEXT@ NOT NULL,
  reason                         @TEXT@ NOT NULL,
  meeting_ref                    @TEXT@ NOT NULL,
  recorded_by_id                 @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  recorded_by_username           @TEXT@ NOT NULL,
  decided_at                     @TEXT@ NOT NULL,
  created_at                     @TEXT@ NOT NULL,
  updated_at                     @TEXT@ NOT NULL,
  revision                       BIGINT NOT NULL
);
CREATE INDEX egs_decisions_newest ON egs_decisions (updated_at DESC, id DESC);
CREATE INDEX egs_decisions_by_area_id ON egs_decisions (area_id, updated_at DESC, id DESC);

CREATE TABLE clearance_requests (
  id                             @TEXT@ PRIMARY KEY,
  traveller_name                 @TEXT@ NOT NULL,
  traveller_user_id              @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  organization_id                @TEXT@ REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  country_id                     @TEXT@ REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  activity                       @TEXT@ NOT NULL,
  pc                             INTEGER NOT NULL,
  programme_id                   @TEXT@ REFERENCES programmes (id) DEFERRABLE INITIALLY DEFERRED,
  mission_ref                    @TEXT@ NOT NULL,
  purpose                        @TEXT@ NOT NULL,
  status                         @TEXT@ NOT NULL,
  "from"                         @TEXT@ NOT NULL,
  "to"                           @TEXT@ NOT NULL,
  requested_by_id                @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  requested_by_username          @TEXT@ NOT NULL,
  leg_ids                        @TEXT@,
  created_at                     @TEXT@ NOT NULL,
  updated_at                     @TEXT@ NOT NULL,
  revision                       BIGINT NOT NULL
);
CREATE INDEX clearance_requests_newest ON clearance_requests (updated_at DESC, id DESC);
CREATE INDEX clearance_requests_by_organization_id ON clearance_requests (organization_id, updated_at DESC, id DESC);
CREATE INDEX clearance_requests_by_status ON clearance_requests (status, updated_at DESC, id DESC);
CREATE INDEX clearance_requests_by_country_id ON clearance_requests (country_id, updated_at DESC, id DESC);
CREATE INDEX clearance_requests_by_programme_id ON clearance_requests (programme_id, updated_at DESC, id DESC);

CREATE TABLE clearance_legs (
  id                             @TEXT@ PRIMARY KEY,
  request_id                     @TEXT@ NOT NULL REFERENCES clearance_requests (id) DEFERRABLE INITIALLY DEFERRED,
  seq                            INTEGER NOT NULL,
  organization_id                @TEXT@ REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  traveller_name                 @TEXT@ NOT NULL,
  traveller_user_id              @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  requested_by_id                @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  requested_by_username          @TEXT@ NOT NULL,
  activity                       @TEXT@ NOT NULL,
  pc                             INTEGER NOT NULL,
  programme_id                   @TEXT@ REFERENCES programmes (id) DEFERRABLE INITIALLY DEFERRED,
  pc_assessed                    INTEGER NOT NULL,
  mission_ref                    @TEXT@ NOT NULL,
  area_id                        @TEXT@ REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  area_name                      @TEXT@ NOT NULL,
  country_id                     @TEXT@ REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  "from"                         @TEXT@ NOT NULL,
  "to"                           @TEXT@ NOT NULL,
  status                         @TEXT@ NOT NULL,
  rule                           @TEXT@ NOT NULL,
  approver_role                  @TEXT@ NOT NULL,
  reasons                        @TEXT@,
  residual_risk                  @TEXT@ NOT NULL,
  sra_id                         @TEXT@ REFERENCES sras (id) DEFERRABLE INITIALLY DEFERRED,
  specific_sra_id                @TEXT@ REFERENCES sras (id) DEFERRABLE INITIALLY DEFERRED,
  egs_decision_id                @TEXT@ REFERENCES egs_decisions (id) DEFERRABLE INITIALLY DEFERRED,
  decided_at                     @TEXT@ NOT NULL,
  decided_by                     @TEXT@ NOT NULL,
  decided_role                   @TEXT@ NOT NULL,
  comment                        @TEXT@ NOT NULL,
  history                        @TEXT@,
  created_at                     @TEXT@ NOT NULL,
  updated_at                     @TEXT@ NOT NULL,
  revision                       BIGINT NOT NULL
);
CREATE INDEX clearance_legs_newest ON clearance_legs (updated_at DESC, id DESC);
CREATE INDEX clearance_legs_by_request_id ON clearance_legs (request_id, updated_at DESC, id DESC);
CREATE INDEX clearance_legs_by_area_id ON clearance_legs (area_id, updated_at DESC, id DESC);
CREATE INDEX clearance_legs_by_organization_id ON clearance_legs (organization_id, updated_at DESC, id DESC);
CREATE INDEX clearance_legs_by_status ON clearance_legs (status, updated_at DESC, id DESC);

CREATE TABLE specific_sra_approvals (
  id                             @TEXT@ PRIMARY KEY,
  sra_id                         @TEXT@ NOT NULL REFERENCES sras (id) DEFERRABLE INITIALLY DEFERRED,
  series_id                      @TEXT@ NOT NULL,
  version                        INTEGER NOT NULL,
  title                          @TEXT@ NOT NULL,
  mission_ref                    @TEXT@ NOT NULL,
  organization_id                @TEXT@ REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  area_id                        @TEXT@ REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  area_name                      @TEXT@ NOT NULL,
  country_id                     @TEXT@ REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  residual_risk                  @TEXT@,
  residual_index                 INTEGER NOT NULL,
  "from"                         @TEXT@ NOT NULL,
  "to"                           @TEXT@ NOT NULL,
  status                         @TEXT@ NOT NULL,
  published_at                   @TEXT@ NOT NULL,
  coordinated_by                 @TEXT@,
  decided_by                     @TEXT@,
  history                        @TEXT@,
  created_at                     @TEXT@ NOT NULL,
  updated_at                     @TEXT@ NOT NULL,
  revision                       BIGINT NOT NULL
);
CREATE INDEX specific_sra_approvals_newest ON specific_sra_approvals (updated_at DESC, id DESC);
CREATE INDEX specific_sra_approvals_by_organization_id ON specific_sra_approvals (organization_id, updated_at DESC, id DESC);
CREATE INDEX specific_sra_approvals_by_area_id ON specific_sra_approvals (area_id, updated_at DESC, id DESC);
CREATE INDEX specific_sra_approvals_by_status ON specific_sra_approvals (status, updated_at DESC, id DESC);
CREATE INDEX specific_sra_approvals_by_series_id ON specific_sra_approvals (series_id, updated_at DESC, id DESC);
CREATE UNIQUE INDEX specific_sra_approvals_one_per_sra_id ON specific_sra_approvals (sra_id);

CREATE TABLE activity_decisions (
  id                             @TEXT@ PRIMARY KEY,
  programme_id                   @TEXT@ NOT NULL REFERENCES programmes (id) DEFERRABLE INITIALLY DEFERRED,
  programme_name                 @TEXT@ NOT NULL,
  activity                       @TEXT@ NOT NULL,
  organization_id                @TEXT@ REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  area_id                        @TEXT@ REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  area_name                      @TEXT@ NOT NULL,
  country_id                     @TEXT@ REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  pc                             INTEGER NOT NULL,
  sra_id                         @TEXT@ REFERENCES sras (id) DEFERRABLE INITIALLY DEFERRED,
  residual_risk                  @TEXT@,
  current_risk                   @TEXT@,
  status                         @TEXT@ NOT NULL,
  reasons                        @TEXT@,
  options                        @TEXT@,
  missing                        @TEXT@,
  needs_pc_assessment            INTEGER NOT NULL,
  needs_exec_approval            INTEGER NOT NULL,
  never_acceptable               INTEGER NOT NULL,
  pc_assessed                    INTEGER NOT NULL,
  exec_approval_by               @TEXT@,
  exec_approval_at               @TEXT@,
  exec_approval_comment          @TEXT@,
  exec_approval_residual         @TEXT@,
  exec_approval_residual_index   INTEGER,
  exec_approval_sra_id           @TEXT@ REFERENCES sras (id) DEFERRABLE INITIALLY DEFERRED,
  egs_decision_id                @TEXT@ REFERENCES egs_decisions (id) DEFERRABLE INITIALLY DEFERRED,
  decided_at                     @TEXT@ NOT NULL,
  history                        @TEXT@,
  created_at                     @TEXT@ NOT NULL,
  updated_at                     @TEXT@ NOT NULL,
  revision                       BIGINT NOT NULL
);
CREATE INDEX activity_decisions_newest ON activity_decisions (updated_at DESC, id DESC);
CREATE INDEX activity_decisions_by_organization_id ON activity_decisions (organization_id, updated_at DESC, id DESC);
CREATE INDEX activity_decisions_by_area_id ON activity_decisions (area_id, updated_at DESC, id DESC);
CREATE INDEX activity_decisions_by_status ON activity_decisions (status, updated_at DESC, id DESC);
CREATE UNIQUE INDEX activity_decisions_one_per_programme_id ON activity_decisions (programme_id);

CREATE TABLE pc_assessments (
  id                             @TEXT@ PRIMARY KEY,
  programme_id                   @TEXT@ NOT NULL REFERENCES programmes (id) DEFERRABLE INITIALLY DEFERRED,
  pc                             INTEGER NOT NULL,
  organization_id                @TEXT@ REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  area_id                        @TEXT@ REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  country_id                     @TEXT@ REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  comment                        @TEXT@ NOT NULL,
  recorded_by                    @TEXT@ NOT NULL,
  recorded_at                    @TEXT@ NOT NULL,
  recorded_by_id                 @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  created_at                     @TEXT@ NOT NULL,
  updated_at                     @TEXT@ NOT NULL,
  revision                       BIGINT NOT NULL
);
CREATE INDEX pc_assessments_newest ON pc_assessments (updated_at DESC, id DESC);
CREATE UNIQUE INDEX pc_assessments_one_per_programme_id ON pc_assessments (programme_id);

CREATE TABLE compliance_items (
  id                             @TEXT@ PRIMARY KEY,
  location_id                    @TEXT@ REFERENCES locations (id) DEFERRABLE INITIALLY DEFERRED,
  location_name                  @TEXT@ NOT NULL,
  location_kind                  @TEXT@ NOT NULL,
  area_id                        @TEXT@ REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  country_id                     @TEXT@ REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  organization_id                @TEXT@ REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  requirement                    @TEXT@ NOT NULL,
  moss_category                  @TEXT@ NOT NULL,
  sra_id                         @TEXT@ REFERENCES sras (id) DEFERRABLE INITIALLY DEFERRED,
  measure_id                     @TEXT@ NOT NULL,
  status                         @TEXT@ NOT NULL,
  due_date                       @TEXT@ NOT NULL,
  owner                          @TEXT@ NOT NULL,
  evidence                       @TEXT@,
  comment                        @TEXT@ NOT NULL,
  created_by                     @TEXT@ NOT NULL,
  history                        @TEXT@,
  created_at                     @TEXT@ NOT NULL,
  updated_at                     @TEXT@ NOT NULL,
  revision                       BIGINT NOT NULL
);
CREATE INDEX compliance_items_newest ON compliance_items (updated_at DESC, id DESC);
CREATE INDEX compliance_items_by_location_id ON compliance_items (location_id, updated_at DESC, id DESC);
CREATE INDEX compliance_items_by_area_id ON compliance_items (area_id, updated_at DESC, id DESC);
CREATE INDEX compliance_items_by_organization_id ON compliance_items (organization_id, updated_at DESC, id DESC);
CREATE INDEX compliance_items_by_status ON compliance_items (status, updated_at DESC, id DESC);
CREATE INDEX compliance_items_by_due_date ON compliance_items (due_date);

CREATE TABLE notifications (
  id                             @TEXT@ PRIMARY KEY,
  user_id                        @TEXT@ NOT NULL REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  organization_id                @TEXT@ REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  type                           @TEXT@ NOT NULL,
  object_id                      @TEXT@ NOT NULL,
  message                        @TEXT@ NOT NULL,
  detail_request_id              @TEXT@,
  detail_leg_id                  @TEXT@,
  detail_area_id                 @TEXT@,
  detail_programme_id            @TEXT@,
  detail_before                  @TEXT@ NOT NULL,
  detail_after                   @TEXT@ NOT NULL,
  detail_rule                    @TEXT@,
  detail_cause                   @TEXT@,
  status                         @TEXT@ NOT NULL,
  read_at                        @TEXT@,
  created_at                     @TEXT@ NOT NULL,
  updated_at                     @TEXT@ NOT NULL,
  revision                       BIGINT NOT NULL
);
CREATE INDEX notifications_newest ON notifications (updated_at DESC, id DESC);
CREATE INDEX notifications_by_user_id ON notifications (user_id, updated_at DESC, id DESC);
CREATE INDEX notifications_by_user_id_status ON notifications (user_id, status, updated_at DESC, id DESC);

-- Move the documents of these kinds into their tables.
INSERT INTO egs_decisions (id, area_id, area_name, country_id, decision, "from", "to", reason, meeting_ref, recorded_by_id, recorded_by_username, decided_at, created_at, updated_at, revision)
SELECT id,
       NULLIF(@json_text(doc, area_id)@, ''),
       COALESCE(@json_text(doc, area_name)@, ''),
       NULLIF(@json_text(doc, country_id)@, ''),
       COALESCE(@json_text(doc, decision)@, ''),
       COALESCE(@json_text(doc, from)@, ''),
       COALESCE(@json_text(doc, to)@, ''),
       COALESCE(@json_text(doc, reason)@, ''),
       COALESCE(@json_text(doc, meeting_ref)@, ''),
       NULLIF(@json_text(doc, recorded_by.id)@, ''),
       COALESCE(@json_text(doc, recorded_by.username)@, ''),
       COALESCE(@json_text(doc, decided_at)@, ''),
       created_at,
       updated_at,
       revision
FROM docs WHERE kind = 'egs_decision';
INSERT INTO clearance_requests (id, traveller_name, traveller_user_id, organization_id, country_id, activity, pc, programme_id, mission_ref, purpose, status, "from", "to", requested_by_id, requested_by_username, leg_ids, created_at, updated_at, revision)
SELECT id,
       COALESCE(@json_text(doc, traveller.name)@, ''),
       NULLIF(@json_text(doc, traveller.user_id)@, ''),
       NULLIF(@json_text(doc, organization_id)@, ''),
       NULLIF(@json_text(doc, country_id)@, ''),
       COALESCE(@json_text(doc, activity)@, ''),
       COALESCE(@json_int(doc, pc)@, 4),
       NULLIF(@json_text(doc, programme_id)@, ''),
       COALESCE(@json_text(doc, mission_ref)@, ''),
       COALESCE(@json_text(doc, purpose)@, ''),
       COALESCE(@json_text(doc, status)@, ''),
       COALESCE(@json_text(doc, from)@, ''),
       COALESCE(@json_text(doc, to)@, ''),
       NULLIF(@json_text(doc, requested_by.id)@, ''),
       COALESCE(@json_text(doc, requested_by.username)@, ''),
       CASE WHEN @json_is_array(doc, leg_ids)@ THEN @json_array_text(doc, leg_ids)@ ELSE NULL END,
       created_at,
       updated_at,
       revision
FROM docs WHERE kind = 'clearance';
INSERT INTO clearance_legs (id, request_id, seq, organization_id, traveller_name, traveller_user_id, requested_by_id, requested_by_username, activity, pc, programme_id, pc_assessed, mission_ref, area_id, area_name, country_id, "from", "to", status, rule, approver_role, reasons, residual_risk, sra_id, specific_sra_id, egs_decision_id, decided_at, decided_by, decided_role, comment, history, created_at, updated_at, revision)
SELECT id,
       NULLIF(@json_text(doc, request_id)@, ''),
       COALESCE(@json_int(doc, seq)@, 0),
       NULLIF(@json_text(doc, organization_id)@, ''),
       COALESCE(@json_text(doc, traveller.name)@, ''),
       NULLIF(@json_text(doc, traveller.user_id)@, ''),
       NULLIF(@json_text(doc, requested_by.id)@, ''),
       COALESCE(@json_text(doc, requested_by.username)@, ''),
       COALESCE(@json_text(doc, activity)@, ''),
       COALESCE(@json_int(doc, pc)@, 4),
       NULLIF(@json_text(doc, programme_id)@, ''),
       @json_bool(doc, pc_assessed)@,
       COALESCE(@json_text(doc, mission_ref)@, ''),
       NULLIF(@json_text(doc, area_id)@, ''),
       COALESCE(@json_text(doc, area_name)@, ''),
       NULLIF(@json_text(doc, country_id)@, ''),
       COALESCE(@json_text(doc, from)@, ''),
       COALESCE(@json_text(doc, to)@, ''),
       COALESCE(@json_text(doc, status)@, ''),
       COALESCE(@json_text(doc, rule)@, ''),
       COALESCE(@json_text(doc, approver_role)@, ''),
       CASE WHEN @json_is_array(doc, reasons)@ THEN @json_array_text(doc, reasons)@ ELSE '[]' END,
       COALESCE(@json_text(doc, residual_risk)@, ''),
       NULLIF(@json_text(doc, sra_id)@, ''),
       NULLIF(@json_text(doc, specific_sra_id)@, ''),
       NULLIF(@json_text(doc, egs_decision_id)@, ''),
       COALESCE(@json_text(doc, decided_at)@, ''),
       COALESCE(@json_text(doc, decided_by)@, ''),
       COALESCE(@json_text(doc, decided_role)@, ''),
       COALESCE(@json_text(doc, comment)@, ''),
       CASE WHEN @json_is_array(doc, history)@ THEN @json_array_text(doc, history)@ ELSE '[]' END,
       created_at,
       updated_at,
       revision
FROM docs WHERE kind = 'clearance_leg';
INSERT INTO specific_sra_approvals (id, sra_id, series_id, version, title, mission_ref, organization_id, area_id, area_name, country_id, residual_risk, residual_index, "from", "to", status, published_at, coordinated_by, decided_by, history, created_at, updated_at, revision)
SELECT id,
       NULLIF(@json_text(doc, sra_id)@, ''),
       COALESCE(@json_text(doc, series_id)@, ''),
       COALESCE(@json_int(doc, version)@, 0),
       COALESCE(@json_text(doc, title)@, ''),
       COALESCE(@json_text(doc, mission_ref)@, ''),
       NULLIF(@json_text(doc, organization_id)@, ''),
       NULLIF(@json_text(doc, area_id)@, ''),
       COALESCE(@json_text(doc, area_name)@, ''),
       NULLIF(@json_text(doc, country_id)@, ''),
       @json_text(doc, residual_risk)@,
       COALESCE(@json_int(doc, residual_index)@, 0),
       COALESCE(@json_text(doc, from)@, ''),
       COALESCE(@json_text(doc, to)@, ''),
       COALESCE(@json_text(doc, status)@, ''),
       COALESCE(@json_text(doc, published_at)@, ''),
       @json_text(doc, coordinated_by)@,
       @json_text(doc, decided_by)@,
       CASE WHEN @json_is_array(doc, history)@ THEN @json_array_text(doc, history)@ ELSE '[]' END,
       created_at,
       updated_at,
       revision
FROM docs WHERE kind = 'specific_sra_approval';
INSERT INTO activity_decisions (id, programme_id, programme_name, activity, organization_id, area_id, area_name, country_id, pc, sra_id, residual_risk, current_risk, status, reasons, options, missing, needs_pc_assessment, needs_exec_approval, never_acceptable, pc_assessed, exec_approval_by, exec_approval_at, exec_approval_comment, exec_approval_residual, exec_approval_residual_index, exec_approval_sra_id, egs_decision_id, decided_at, history, created_at, updated_at, revision)
SELECT id,
       NULLIF(@json_text(doc, programme_id)@, ''),
       COALESCE(@json_text(doc, programme_name)@, ''),
       COALESCE(@json_text(doc, activity)@, ''),
       NULLIF(@json_text(doc, organization_id)@, ''),
       NULLIF(@json_text(doc, area_id)@, ''),
       COALESCE(@json_text(doc, area_name)@, ''),
       NULLIF(@json_text(doc, country_id)@, ''),
       COALESCE(@json_int(doc, pc)@, 4),
       NULLIF(@json_text(doc, sra_id)@, ''),
       @json_text(doc, residual_risk)@,
       @json_text(doc, current_risk)@,
       COALESCE(@json_text(doc, status)@, ''),
       CASE WHEN @json_is_array(doc, reasons)@ THEN @json_array_text(doc, reasons)@ ELSE '[]' END,
       CASE WHEN @json_is_array(doc, options)@ THEN @json_array_text(doc, options)@ ELSE '[]' END,
       CASE WHEN @json_is_array(doc, missing)@ THEN @json_array_text(doc, missing)@ ELSE '[]' END,
       @json_bool(doc, needs_pc_assessment)@,
       @json_bool(doc, needs_exec_approval)@,
       @json_bool(doc, never_acceptable)@,
       @json_bool(doc, pc_assessed)@,
       @json_text(doc, exec_approval.by)@,
       @json_text(doc, exec_approval.at)@,
       @json_text(doc, exec_approval.comment)@,
       @json_text(doc, exec_approval.residual)@,
       @json_int(doc, exec_approval.residual_index)@,
       NULLIF(@json_text(doc, exec_approval.sra_id)@, ''),
       NULLIF(@json_text(doc, egs_decision_id)@, ''),
       COALESCE(@json_text(doc, decided_at)@, ''),
       CASE WHEN @json_is_array(doc, history)@ THEN @json_array_text(doc, history)@ ELSE '[]' END,
       created_at,
       updated_at,
       revision
FROM docs WHERE kind = 'activity_decision';
INSERT INTO pc_assessments (id, programme_id, pc, organization_id, area_id, country_id, comment, recorded_by, recorded_at, recorded_by_id, created_at, updated_at, revision)
SELECT id,
       NULLIF(@json_text(doc, programme_id)@, ''),
       COALESCE(@json_int(doc, pc)@, 4),
       NULLIF(@json_text(doc, organization_id)@, ''),
       NULLIF(@json_text(doc, area_id)@, ''),
       NULLIF(country_id, ''),
       COALESCE(@json_text(doc, comment)@, ''),
       COALESCE(@json_text(doc, recorded_by)@, ''),
       COALESCE(@json_text(doc, recorded_at)@, ''),
       NULLIF(owner_id, ''),
       created_at,
       updated_at,
       revision
FROM docs WHERE kind = 'pc_assessment';
INSERT INTO compliance_items (id, location_id, location_name, location_kind, area_id, country_id, organization_id, requirement, moss_category, sra_id, measure_id, status, due_date, owner, evidence, comment, created_by, history, created_at, updated_at, revision)
SELECT id,
       NULLIF(@json_text(doc, location_id)@, ''),
       COALESCE(@json_text(doc, location_name)@, ''),
       COALESCE(@json_text(doc, location_kind)@, ''),
       NULLIF(@json_text(doc, area_id)@, ''),
       NULLIF(@json_text(doc, country_id)@, ''),
       NULLIF(@json_text(doc, organization_id)@, ''),
       COALESCE(@json_text(doc, requirement)@, ''),
       COALESCE(@json_text(doc, moss_category)@, ''),
       NULLIF(@json_text(doc, sra_id)@, ''),
       COALESCE(@json_text(doc, measure_id)@, ''),
       COALESCE(@json_text(doc, status)@, ''),
       COALESCE(@json_text(doc, due_date)@, ''),
       COALESCE(@json_text(doc, owner)@, ''),
       CASE WHEN @json_is_array(doc, evidence)@ THEN @json_array_text(doc, evidence)@ ELSE '[]' END,
       COALESCE(@json_text(doc, comment)@, ''),
       COALESCE(@json_text(doc, created_by)@, ''),
       CASE WHEN @json_is_array(doc, history)@ THEN @json_array_text(doc, history)@ ELSE '[]' END,
       created_at,
       updated_at,
       revision
FROM docs WHERE kind = 'compliance_item';
INSERT INTO notifications (id, user_id, organization_id, type, object_id, message, detail_request_id, detail_leg_id, detail_area_id, detail_programme_id, detail_before, detail_after, detail_rule, detail_cause, status, read_at, created_at, updated_at, revision)
SELECT id,
       NULLIF(owner_id, ''),
       NULLIF(org_id, ''),
       COALESCE(@json_text(doc, type)@, ''),
       COALESCE(@json_text(doc, object_id)@, ''),
       COALESCE(@json_text(doc, message)@, ''),
       @json_text(doc, detail.request_id)@,
       @json_text(doc, detail.leg_id)@,
       @json_text(doc, detail.area_id)@,
       @json_text(doc, detail.programme_id)@,
       COALESCE(@json_text(doc, detail.before)@, ''),
       COALESCE(@json_text(doc, detail.after)@, ''),
       @json_text(doc, detail.rule)@,
       @json_text(doc, detail.cause)@,
       COALESCE(@json_text(doc, status)@, ''),
       @json_text(doc, read_at)@,
       created_at,
       updated_at,
       revision
FROM docs WHERE kind = 'notification';
DELETE FROM docs WHERE kind IN ('egs_decision', 'clearance', 'clearance_leg', 'specific_sra_approval', 'activity_decision', 'pc_assessment', 'compliance_item', 'notification');
