-- PostgreSQL twin of migrations/sqlite/0006_decision_records.sql: one table per decision record
-- kind with the same columns, keys and indexes ("C" collation on text, as everywhere), filled
-- from the documents of these kinds with the jsonb operators, which are then deleted from docs.
-- Lists never filtered (reasons, history, evidence, options, missing, leg_ids) stay JSON arrays
-- in a text column; foreign keys are deferred to the end of the transaction.

CREATE TABLE egs_decisions (
  id                             TEXT COLLATE "C" CONSTRAINT egs_decisions_pkey PRIMARY KEY,
  area_id                        TEXT COLLATE "C" REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  area_name                      TEXT COLLATE "C" NOT NULL,
  country_id                     TEXT COLLATE "C" REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  decision                       TEXT COLLATE "C" NOT NULL,
  "from"                         TEXT COLLATE "C" NOT NULL,
  "to"                           TEXT COLLATE "C" NOT NULL,
  reason                         TEXT COLLATE "C" NOT NULL,
  meeting_ref                    TEXT COLLATE "C" NOT NULL,
  recorded_by_id                 TEXT COLLATE "C" REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  recorded_by_username           TEXT COLLATE "C" NOT NULL,
  decided_at                     TEXT COLLATE "C" NOT NULL,
  created_at                     TEXT COLLATE "C" NOT NULL,
  updated_at                     TEXT COLLATE "C" NOT NULL,
  revision                       BIGINT NOT NULL
);
CREATE INDEX egs_decisions_newest ON egs_decisions (updated_at DESC, id DESC);
CREATE INDEX egs_decisions_by_area_id ON egs_decisions (area_id, updated_at DESC, id DESC);

CREATE TABLE clearance_requests (
  id                             TEXT COLLATE "C" CONSTRAINT clearance_requests_pkey PRIMARY KEY,
  traveller_name                 TEXT COLLATE "C" NOT NULL,
  traveller_user_id              TEXT COLLATE "C" REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  organization_id                TEXT COLLATE "C" REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  country_id                     TEXT COLLATE "C" REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  activity                       TEXT COLLATE "C" NOT NULL,
  pc                             INTEGER NOT NULL,
  programme_id                   TEXT COLLATE "C" REFERENCES programmes (id) DEFERRABLE INITIALLY DEFERRED,
  mission_ref                    TEXT COLLATE "C" NOT NULL,
  purpose                        TEXT COLLATE "C" NOT NULL,
  status                         TEXT COLLATE "C" NOT NULL,
  "from"                         TEXT COLLATE "C" NOT NULL,
  "to"                           TEXT COLLATE "C" NOT NULL,
  requested_by_id                TEXT COLLATE "C" REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  requested_by_username          TEXT COLLATE "C" NOT NULL,
  leg_ids                        TEXT COLLATE "C",
  created_at                     TEXT COLLATE "C" NOT NULL,
  updated_at                     TEXT COLLATE "C" NOT NULL,
  revision                       BIGINT NOT NULL
);
CREATE INDEX clearance_requests_newest ON clearance_requests (updated_at DESC, id DESC);
CREATE INDEX clearance_requests_by_organization_id ON clearance_requests (organization_id, updated_at DESC, id DESC);
CREATE INDEX clearance_requests_by_status ON clearance_requests (status, updated_at DESC, id DESC);
CREATE INDEX clearance_requests_by_country_id ON clearance_requests (country_id, updated_at DESC, id DESC);
CREATE INDEX clearance_requests_by_programme_id ON clearance_requests (programme_id, updated_at DESC, id DESC);

CREATE TABLE clearance_legs (
  id                             TEXT COLLATE "C" CONSTRAINT clearance_legs_pkey PRIMARY KEY,
  request_id                     TEXT COLLATE "C" NOT NULL REFERENCES clearance_requests (id) DEFERRABLE INITIALLY DEFERRED,
  seq                            INTEGER NOT NULL,
  organization_id                TEXT COLLATE "C" REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  traveller_name                 TEXT COLLATE "C" NOT NULL,
  traveller_user_id              TEXT COLLATE "C" REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  requested_by_id                TEXT COLLATE "C" REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  requested_by_username          TEXT COLLATE "C" NOT NULL,
  activity                       TEXT COLLATE "C" NOT NULL,
  pc                             INTEGER NOT NULL,
  programme_id                   TEXT COLLATE "C" REFERENCES programmes (id) DEFERRABLE INITIALLY DEFERRED,
  pc_assessed                    INTEGER NOT NULL,
  mission_ref                    TEXT COLLATE "C" NOT NULL,
  area_id                        TEXT COLLATE "C" REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  area_name                      TEXT COLLATE "C" NOT NULL,
  country_id                     TEXT COLLATE "C" REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  "from"                         TEXT COLLATE "C" NOT NULL,
  "to"                           TEXT COLLATE "C" NOT NULL,
  status                         TEXT COLLATE "C" NOT NULL,
  rule                           TEXT COLLATE "C" NOT NULL,
  approver_role                  TEXT COLLATE "C" NOT NULL,
  reasons                        TEXT COLLATE "C",
  residual_risk                  TEXT COLLATE "C" NOT NULL,
  sra_id                         TEXT COLLATE "C" REFERENCES sras (id) DEFERRABLE INITIALLY DEFERRED,
  specific_sra_id                TEXT COLLATE "C" REFERENCES sras (id) DEFERRABLE INITIALLY DEFERRED,
  egs_decision_id                TEXT COLLATE "C" REFERENCES egs_decisions (id) DEFERRABLE INITIALLY DEFERRED,
  decided_at                     TEXT COLLATE "C" NOT NULL,
  decided_by                     TEXT COLLATE "C" NOT NULL,
  decided_role                   TEXT COLLATE "C" NOT NULL,
  comment                        TEXT COLLATE "C" NOT NULL,
  history                        TEXT COLLATE "C",
  created_at                     TEXT COLLATE "C" NOT NULL,
  updated_at                     TEXT COLLATE "C" NOT NULL,
  revision                       BIGINT NOT NULL
);
CREATE INDEX clearance_legs_newest ON clearance_legs (updated_at DESC, id DESC);
CREATE INDEX clearance_legs_by_request_id ON clearance_legs (request_id, updated_at DESC, id DESC);
CREATE INDEX clearance_legs_by_area_id ON clearance_legs (area_id, updated_at DESC, id DESC);
CREATE INDEX clearance_legs_by_organization_id ON clearance_legs (organization_id, updated_at DESC, id DESC);
CREATE INDEX clearance_legs_by_status ON clearance_legs (status, updated_at DESC, id DESC);

CREATE TABLE specific_sra_approvals (
  id                             TEXT COLLATE "C" CONSTRAINT specific_sra_approvals_pkey PRIMARY KEY,
  sra_id                         TEXT COLLATE "C" NOT NULL REFERENCES sras (id) DEFERRABLE INITIALLY DEFERRED,
  series_id                      TEXT COLLATE "C" NOT NULL,
  version                        INTEGER NOT NULL,
  title                          TEXT COLLATE "C" NOT NULL,
  mission_ref                    TEXT COLLATE "C" NOT NULL,
  organization_id                TEXT COLLATE "C" REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  area_id                        TEXT COLLATE "C" REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  area_name                      TEXT COLLATE "C" NOT NULL,
  country_id                     TEXT COLLATE "C" REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  residual_risk                  TEXT COLLATE "C",
  residual_index                 INTEGER NOT NULL,
  "from"                         TEXT COLLATE "C" NOT NULL,
  "to"                           TEXT COLLATE "C" NOT NULL,
  status                         TEXT COLLATE "C" NOT NULL,
  published_at                   TEXT COLLATE "C" NOT NULL,
  coordinated_by                 TEXT COLLATE "C",
  decided_by                     TEXT COLLATE "C",
  history                        TEXT COLLATE "C",
  created_at                     TEXT COLLATE "C" NOT NULL,
  updated_at                     TEXT COLLATE "C" NOT NULL,
  revision                       BIGINT NOT NULL
);
CREATE INDEX specific_sra_approvals_newest ON specific_sra_approvals (updated_at DESC, id DESC);
CREATE INDEX specific_sra_approvals_by_organization_id ON specific_sra_approvals (organization_id, updated_at DESC, id DESC);
CREATE INDEX specific_sra_approvals_by_area_id ON specific_sra_approvals (area_id, updated_at DESC, id DESC);
CREATE INDEX specific_sra_approvals_by_status ON specific_sra_approvals (status, updated_at DESC, id DESC);
CREATE INDEX specific_sra_approvals_by_series_id ON specific_sra_approvals (series_id, updated_at DESC, id DESC);
CREATE UNIQUE INDEX specific_sra_approvals_one_per_sra_id ON specific_sra_approvals (sra_id);

CREATE TABLE activity_decisions (
  id                             TEXT COLLATE "C" CONSTRAINT activity_decisions_pkey PRIMARY KEY,
  programme_id                   TEXT COLLATE "C" NOT NULL REFERENCES programmes (id) DEFERRABLE INITIALLY DEFERRED,
  programme_name                 TEXT COLLATE "C" NOT NULL,
  activity                       TEXT COLLATE "C" NOT NULL,
  organization_id                TEXT COLLATE "C" REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  area_id                        TEXT COLLATE "C" REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  area_name                      TEXT COLLATE "C" NOT NULL,
  country_id                     TEXT COLLATE "C" REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  pc                             INTEGER NOT NULL,
  sra_id                         TEXT COLLATE "C" REFERENCES sras (id) DEFERRABLE INITIALLY DEFERRED,
  residual_risk                  TEXT COLLATE "C",
  current_risk                   TEXT COLLATE "C",
  status                         TEXT COLLATE "C" NOT NULL,
  reasons                        TEXT COLLATE "C",
  options                        TEXT COLLATE "C",
  missing                        TEXT COLLATE "C",
  needs_pc_assessment            INTEGER NOT NULL,
  needs_exec_approval            INTEGER NOT NULL,
  never_acceptable               INTEGER NOT NULL,
  pc_assessed                    INTEGER NOT NULL,
  exec_approval_by               TEXT COLLATE "C",
  exec_approval_at               TEXT COLLATE "C",
  exec_approval_comment          TEXT COLLATE "C",
  exec_approval_residual         TEXT COLLATE "C",
  exec_approval_residual_index   INTEGER,
  exec_approval_sra_id           TEXT COLLATE "C" REFERENCES sras (id) DEFERRABLE INITIALLY DEFERRED,
  egs_decision_id                TEXT COLLATE "C" REFERENCES egs_decisions (id) DEFERRABLE INITIALLY DEFERRED,
  decided_at                     TEXT COLLATE "C" NOT NULL,
  history                        TEXT COLLATE "C",
  created_at                     TEXT COLLATE "C" NOT NULL,
  updated_at                     TEXT COLLATE "C" NOT NULL,
  revision                       BIGINT NOT NULL
);
CREATE INDEX activity_decisions_newest ON activity_decisions (updated_at DESC, id DESC);
CREATE INDEX activity_decisions_by_organization_id ON activity_decisions (organization_id, updated_at DESC, id DESC);
CREATE INDEX activity_decisions_by_area_id ON activity_decisions (area_id, updated_at DESC, id DESC);
CREATE INDEX activity_decisions_by_status ON activity_decisions (status, updated_at DESC, id DESC);
CREATE UNIQUE INDEX activity_decisions_one_per_programme_id ON activity_decisions (programme_id);

CREATE TABLE pc_assessments (
  id                             TEXT COLLATE "C" CONSTRAINT pc_assessments_pkey PRIMARY KEY,
  programme_id                   TEXT COLLATE "C" NOT NULL REFERENCES programmes (id) DEFERRABLE INITIALLY DEFERRED,
  pc                             INTEGER NOT NULL,
  organization_id                TEXT COLLATE "C" REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  area_id                        TEXT COLLATE "C" REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  country_id                     TEXT COLLATE "C" REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  comment                        TEXT COLLATE "C" NOT NULL,
  recorded_by                    TEXT COLLATE "C" NOT NULL,
  recorded_at                    TEXT COLLATE "C" NOT NULL,
  recorded_by_id                 TEXT COLLATE "C" REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  created_at                     TEXT COLLATE "C" NOT NULL,
  updated_at                     TEXT COLLATE "C" NOT NULL,
  revision                       BIGINT NOT NULL
);
CREATE INDEX pc_assessments_newest ON pc_assessments (updated_at DESC, id DESC);
CREATE UNIQUE INDEX pc_assessments_one_per_programme_id ON pc_assessments (programme_id);

CREATE TABLE compliance_items (
  id                             TEXT COLLATE "C" CONSTRAINT compliance_items_pkey PRIMARY KEY,
  location_id                    TEXT COLLATE "C" REFERENCES locations (id) DEFERRABLE INITIALLY DEFERRED,
  location_name                  TEXT COLLATE "C" NOT NULL,
  location_kind                  TEXT COLLATE "C" NOT NULL,
  area_id                        TEXT COLLATE "C" REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  country_id                     TEXT COLLATE "C" REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  organization_id                TEXT COLLATE "C" REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  requirement                    TEXT COLLATE "C" NOT NULL,
  moss_category                  TEXT COLLATE "C" NOT NULL,
  sra_id                         TEXT COLLATE "C" REFERENCES sras (id) DEFERRABLE INITIALLY DEFERRED,
  measure_id                     TEXT COLLATE "C" NOT NULL,
  status                         TEXT COLLATE "C" NOT NULL,
  due_date                       TEXT COLLATE "C" NOT NULL,
  owner                          TEXT COLLATE "C" NOT NULL,
  evidence                       TEXT COLLATE "C",
  comment                        TEXT COLLATE "C" NOT NULL,
  created_by                     TEXT COLLATE "C" NOT NULL,
  history                        TEXT COLLATE "C",
  created_at                     TEXT COLLATE "C" NOT NULL,
  updated_at                     TEXT COLLATE "C" NOT NULL,
  revision                       BIGINT NOT NULL
);
CREATE INDEX compliance_items_newest ON compliance_items (updated_at DESC, id DESC);
CREATE INDEX compliance_items_by_location_id ON compliance_items (location_id, updated_at DESC, id DESC);
CREATE INDEX compliance_items_by_area_id ON compliance_items (area_id, updated_at DESC, id DESC);
CREATE INDEX compliance_items_by_organization_id ON compliance_items (organization_id, updated_at DESC, id DESC);
CREATE INDEX compliance_items_by_status ON compliance_items (status, updated_at DESC, id DESC);
CREATE INDEX compliance_items_by_due_date ON compliance_items (due_date);

CREATE TABLE notifications (
  id                             TEXT COLLATE "C" CONSTRAINT notifications_pkey PRIMARY KEY,
  user_id                        TEXT COLLATE "C" NOT NULL REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  organization_id                TEXT COLLATE "C" REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  type                           TEXT COLLATE "C" NOT NULL,
  object_id                      TEXT COLLATE "C" NOT NULL,
  message                        TEXT COLLATE "C" NOT NULL,
  detail_request_id              TEXT COLLATE "C",
  detail_leg_id                  TEXT COLLATE "C",
  detail_area_id                 TEXT COLLATE "C",
  detail_programme_id            TEXT COLLATE "C",
  detail_before                  TEXT COLLATE "C" NOT NULL,
  detail_after                   TEXT COLLATE "C" NOT NULL,
  detail_rule                    TEXT COLLATE "C",
  detail_cause                   TEXT COLLATE "C",
  status                         TEXT COLLATE "C" NOT NULL,
  read_at                        TEXT COLLATE "C",
  created_at                     TEXT COLLATE "C" NOT NULL,
  updated_at                     TEXT COLLATE "C" NOT NULL,
  revision                       BIGINT NOT NULL
);
CREATE INDEX notifications_newest ON notifications (updated_at DESC, id DESC);
CREATE INDEX notifications_by_user_id ON notifications (user_id, updated_at DESC, id DESC);
CREATE INDEX notifications_by_user_id_status ON notifications (user_id, status, updated_at DESC, id DESC);

-- Move the documents of these kinds into their tables.
INSERT INTO egs_decisions (id, area_id, area_name, country_id, decision, "from", "to", reason, meeting_ref, recorded_by_id, recorded_by_username, decided_at, created_at, updated_at, revision)
SELECT id,
       NULLIF(doc::jsonb #>> '{area_id}', ''),
       COALESCE(doc::jsonb #>> '{area_name}', ''),
       NULLIF(doc::jsonb #>> '{country_id}', ''),
       COALESCE(doc::jsonb #>> '{decision}', ''),
       COALESCE(doc::jsonb #>> '{from}', ''),
       COALESCE(doc::jsonb #>> '{to}', ''),
       COALESCE(doc::jsonb #>> '{reason}', ''),
       COALESCE(doc::jsonb #>> '{meeting_ref}', ''),
       NULLIF(doc::jsonb #>> '{recorded_by,id}', ''),
       COALESCE(doc::jsonb #>> '{recorded_by,username}', ''),
       COALESCE(doc::jsonb #>> '{decided_at}', ''),
       created_at,
       updated_at,
       revision
FROM docs WHERE kind = 'egs_decision';
INSERT INTO clearance_requests (id, traveller_name, traveller_user_id, organization_id, country_id, activity, pc, programme_id, mission_ref, purpose, status, "from", "to", requested_by_id, requested_by_username, leg_ids, created_at, updated_at, revision)
SELECT id,
       COALESCE(doc::jsonb #>> '{traveller,name}', ''),
       NULLIF(doc::jsonb #>> '{traveller,user_id}', ''),
       NULLIF(doc::jsonb #>> '{organization_id}', ''),
       NULLIF(doc::jsonb #>> '{country_id}', ''),
       COALESCE(doc::jsonb #>> '{activity}', ''),
       COALESCE((doc::jsonb #>> '{pc}')::integer, 4),
       NULLIF(doc::jsonb #>> '{programme_id}', ''),
       COALESCE(doc::jsonb #>> '{mission_ref}', ''),
       COALESCE(doc::jsonb #>> '{purpose}', ''),
       COALESCE(doc::jsonb #>> '{status}', ''),
       COALESCE(doc::jsonb #>> '{from}', ''),
       COALESCE(doc::jsonb #>> '{to}', ''),
       NULLIF(doc::jsonb #>> '{requested_by,id}', ''),
       COALESCE(doc::jsonb #>> '{requested_by,username}', ''),
       CASE WHEN jsonb_typeof(doc::jsonb #> '{leg_ids}') = 'array' THEN (doc::jsonb #> '{leg_ids}')::text ELSE NULL END,
       created_at,
       updated_at,
       revision
FROM docs WHERE kind = 'clearance';
INSERT INTO clearance_legs (id, request_id, seq, organization_id, traveller_name, traveller_user_id, requested_by_id, requested_by_username, activity, pc, programme_id, pc_assessed, mission_ref, area_id, area_name, country_id, "from", "to", status, rule, approver_role, reasons, residual_risk, sra_id, specific_sra_id, egs_decision_id, decided_at, decided_by, decided_role, comment, history, created_at, updated_at, revision)
SELECT id,
       NULLIF(doc::jsonb #>> '{request_id}', ''),
       COALESCE((doc::jsonb #>> '{seq}')::integer, 0),
       NULLIF(doc::jsonb #>> '{organization_id}', ''),
       COALESCE(doc::jsonb #>> '{traveller,name}', ''),
       NULLIF(doc::jsonb #>> '{traveller,user_id}', ''),
       NULLIF(doc::jsonb #>> '{requested_by,id}', ''),
       COALESCE(doc::jsonb #>> '{requested_by,username}', ''),
       COALESCE(doc::jsonb #>> '{activity}', ''),
       COALESCE((doc::jsonb #>> '{pc}')::integer, 4),
       NULLIF(doc::jsonb #>> '{programme_id}', ''),
       CASE WHEN doc::jsonb #>> '{pc_assessed}' = 'true' THEN 1 ELSE 0 END,
       COALESCE(doc::jsonb #>> '{mission_ref}', ''),
       NULLIF(doc::jsonb #>> '{area_id}', ''),
       COALESCE(doc::jsonb #>> '{area_name}', ''),
       NULLIF(doc::jsonb #>> '{country_id}', ''),
       COALESCE(doc::jsonb #>> '{from}', ''),
       COALESCE(doc::jsonb #>> '{to}', ''),
       COALESCE(doc::jsonb #>> '{status}', ''),
       COALESCE(doc::jsonb #>> '{rule}', ''),
       COALESCE(doc::jsonb #>> '{approver_role}', ''),
       CASE WHEN jsonb_typeof(doc::jsonb #> '{reasons}') = 'array' THEN (doc::jsonb #> '{reasons}')::text ELSE '[]' END,
       COALESCE(doc::jsonb #>> '{residual_risk}', ''),
       NULLIF(doc::jsonb #>> '{sra_id}', ''),
       NULLIF(doc::jsonb #>> '{specific_sra_id}', ''),
       NULLIF(doc::jsonb #>> '{egs_decision_id}', ''),
       COALESCE(doc::jsonb #>> '{decided_at}', ''),
       COALESCE(doc::jsonb #>> '{decided_by}', ''),
       COALESCE(doc::jsonb #>> '{decided_role}', ''),
       COALESCE(doc::jsonb #>> '{comment}', ''),
       CASE WHEN jsonb_typeof(doc::jsonb #> '{history}') = 'array' THEN (doc::jsonb #> '{history}')::text ELSE '[]' END,
       created_at,
       updated_at,
       revision
FROM docs WHERE kind = 'clearance_leg';
INSERT INTO specific_sra_approvals (id, sra_id, series_id, version, title, mission_ref, organization_id, area_id, area_name, country_id, residual_risk, residual_index, "from", "to", status, published_at, coordinated_by, decided_by, history, created_at, updated_at, revision)
SELECT id,
       NULLIF(doc::jsonb #>> '{sra_id}', ''),
       COALESCE(doc::jsonb #>> '{series_id}', ''),
       COALESCE((doc::jsonb #>> '{version}')::integer, 0),
       COALESCE(doc::jsonb #>> '{title}', ''),
       COALESCE(doc::jsonb #>> '{mission_ref}', ''),
       NULLIF(doc::jsonb #>> '{organization_id}', ''),
       NULLIF(doc::jsonb #>> '{area_id}', ''),
       COALESCE(doc::jsonb #>> '{area_name}', ''),
       NULLIF(doc::jsonb #>> '{country_id}', ''),
       doc::jsonb #>> '{residual_risk}',
       COALESCE((doc::jsonb #>> '{residual_index}')::integer, 0),
       COALESCE(doc::jsonb #>> '{from}', ''),
       COALESCE(doc::jsonb #>> '{to}', ''),
       COALESCE(doc::jsonb #>> '{status}', ''),
       COALESCE(doc::jsonb #>> '{published_at}', ''),
       doc::jsonb #>> '{coordinated_by}',
       doc::jsonb #>> '{decided_by}',
       CASE WHEN jsonb_typeof(doc::jsonb #> '{history}') = 'array' THEN (doc::jsonb #> '{history}')::text ELSE '[]' END,
       created_at,
       updated_at,
       revision
FROM docs WHERE kind = 'specific_sra_approval';
INSERT INTO activity_decisions (id, programme_id, programme_name, activity, organization_id, area_id, area_name, country_id, pc, sra_id, residual_risk, current_risk, status, reasons, options, missing, needs_pc_assessment, needs_exec_approval, never_acceptable, pc_assessed, exec_approval_by, exec_approval_at, exec_approval_comment, exec_approval_residual, exec_approval_residual_index, exec_approval_sra_id, egs_decision_id, decided_at, history, created_at, updated_at, revision)
SELECT id,
       NULLIF(doc::jsonb #>> '{programme_id}', ''),
       COALESCE(doc::jsonb #>> '{programme_name}', ''),
       COALESCE(doc::jsonb #>> '{activity}', ''),
       NULLIF(doc::jsonb #>> '{organization_id}', ''),
       NULLIF(doc::jsonb #>> '{area_id}', ''),
       COALESCE(doc::jsonb #>> '{area_name}', ''),
       NULLIF(doc::jsonb #>> '{country_id}', ''),
       COALESCE((doc::jsonb #>> '{pc}')::integer, 4),
       NULLIF(doc::jsonb #>> '{sra_id}', ''),
       doc::jsonb #>> '{residual_risk}',
       doc::jsonb #>> '{current_risk}',
       COALESCE(doc::jsonb #>> '{status}', ''),
       CASE WHEN jsonb_typeof(doc::jsonb #> '{reasons}') = 'array' THEN (doc::jsonb #> '{reasons}')::text ELSE '[]' END,
       CASE WHEN jsonb_typeof(doc::jsonb #> '{options}') = 'array' THEN (doc::jsonb #> '{options}')::text ELSE '[]' END,
       CASE WHEN jsonb_typeof(doc::jsonb #> '{missing}') = 'array' THEN (doc::jsonb #> '{missing}')::text ELSE '[]' END,
       CASE WHEN doc::jsonb #>> '{needs_pc_assessment}' = 'true' THEN 1 ELSE 0 END,
       CASE WHEN doc::jsonb #>> '{needs_exec_approval}' = 'true' THEN 1 ELSE 0 END,
       CASE WHEN doc::jsonb #>> '{never_acceptable}' = 'true' THEN 1 ELSE 0 END,
       CASE WHEN doc::jsonb #>> '{pc_assessed}' = 'true' THEN 1 ELSE 0 END,
       doc::jsonb #>> '{exec_approval,by}',
       doc::jsonb #>> '{exec_approval,at}',
       doc::jsonb #>> '{exec_approval,comment}',
       doc::jsonb #>> '{exec_approval,residual}',
       (doc::jsonb #>> '{exec_approval,residual_index}')::integer,
       NULLIF(doc::jsonb #>> '{exec_approval,sra_id}', ''),
       NULLIF(doc::jsonb #>> '{egs_decision_id}', ''),
       COALESCE(doc::jsonb #>> '{decided_at}', ''),
       CASE WHEN jsonb_typeof(doc::jsonb #> '{history}') = 'array' THEN (doc::jsonb #> '{history}')::text ELSE '[]' END,
       created_at,
       updated_at,
       revision
FROM docs WHERE kind = 'activity_decision';
INSERT INTO pc_assessments (id, programme_id, pc, organization_id, area_id, country_id, comment, recorded_by, recorded_at, recorded_by_id, created_at, updated_at, revision)
SELECT id,
       NULLIF(doc::jsonb #>> '{programme_id}', ''),
       COALESCE((doc::jsonb #>> '{pc}')::integer, 4),
       NULLIF(doc::jsonb #>> '{organization_id}', ''),
       NULLIF(doc::jsonb #>> '{area_id}', ''),
       NULLIF(country_id, ''),
       COALESCE(doc::jsonb #>> '{comment}', ''),
       COALESCE(doc::jsonb #>> '{recorded_by}', ''),
       COALESCE(doc::jsonb #>> '{recorded_at}', ''),
       NULLIF(owner_id, ''),
       created_at,
       updated_at,
       revision
FROM docs WHERE kind = 'pc_assessment';
INSERT INTO compliance_items (id, location_id, location_name, location_kind, area_id, country_id, organization_id, requirement, moss_category, sra_id, measure_id, status, due_date, owner, evidence, comment, created_by, history, created_at, updated_at, revision)
SELECT id,
       NULLIF(doc::jsonb #>> '{location_id}', ''),
       COALESCE(doc::jsonb #>> '{location_name}', ''),
       COALESCE(doc::jsonb #>> '{location_kind}', ''),
       NULLIF(doc::jsonb #>> '{area_id}', ''),
       NULLIF(doc::jsonb #>> '{country_id}', ''),
       NULLIF(doc::jsonb #>> '{organization_id}', ''),
       COALESCE(doc::jsonb #>> '{requirement}', ''),
       COALESCE(doc::jsonb #>> '{moss_category}', ''),
       NULLIF(doc::jsonb #>> '{sra_id}', ''),
       COALESCE(doc::jsonb #>> '{measure_id}', ''),
       COALESCE(doc::jsonb #>> '{status}', ''),
       COALESCE(doc::jsonb #>> '{due_date}', ''),
       COALESCE(doc::jsonb #>> '{owner}', ''),
       CASE WHEN jsonb_typeof(doc::jsonb #> '{evidence}') = 'array' THEN (doc::jsonb #> '{evidence}')::text ELSE '[]' END,
       COALESCE(doc::jsonb #>> '{comment}', ''),
       COALESCE(doc::jsonb #>> '{created_by}', ''),
       CASE WHEN jsonb_typeof(doc::jsonb #> '{history}') = 'array' THEN (doc::jsonb #> '{history}')::text ELSE '[]' END,
       created_at,
       updated_at,
       revision
FROM docs WHERE kind = 'compliance_item';
INSERT INTO notifications (id, user_id, organization_id, type, object_id, message, detail_request_id, detail_leg_id, detail_area_id, detail_programme_id, detail_before, detail_after, detail_rule, detail_cause, status, read_at, created_at, updated_at, revision)
SELECT id,
       NULLIF(owner_id, ''),
       NULLIF(org_id, ''),
       COALESCE(doc::jsonb #>> '{type}', ''),
       COALESCE(doc::jsonb #>> '{object_id}', ''),
       COALESCE(doc::jsonb #>> '{message}', ''),
       doc::jsonb #>> '{detail,request_id}',
       doc::jsonb #>> '{detail,leg_id}',
       doc::jsonb #>> '{detail,area_id}',
       doc::jsonb #>> '{detail,programme_id}',
       COALESCE(doc::jsonb #>> '{detail,before}', ''),
       COALESCE(doc::jsonb #>> '{detail,after}', ''),
       doc::jsonb #>> '{detail,rule}',
       doc::jsonb #>> '{detail,cause}',
       COALESCE(doc::jsonb #>> '{status}', ''),
       doc::jsonb #>> '{read_at}',
       created_at,
       updated_at,
       revision
FROM docs WHERE kind = 'notification';
DELETE FROM docs WHERE kind IN ('egs_decision', 'clearance', 'clearance_leg', 'specific_sra_approval', 'activity_decision', 'pc_assessment', 'compliance_item', 'notification');
