-- Documents of later capabilities (clearance requests, compliance items, go/no-go decisions...):
-- indexed scope, status and time-window columns beside the JSON body.
CREATE TABLE docs (
  kind @TEXT@ NOT NULL,
  id @TEXT@ NOT NULL,
  org_id @TEXT@ NOT NULL DEFAULT '',
  country_id @TEXT@ NOT NULL DEFAULT '',
  area_id @TEXT@ NOT NULL DEFAULT '',
  status @TEXT@ NOT NULL DEFAULT '',
  starts_on @TEXT@ NOT NULL DEFAULT '',
  ends_on @TEXT@ NOT NULL DEFAULT '',
  ref_id @TEXT@ NOT NULL DEFAULT '',
  owner_id @TEXT@ NOT NULL DEFAULT '',
  created_at @TEXT@ NOT NULL,
  updated_at @TEXT@ NOT NULL,
  revision BIGINT NOT NULL,
  doc @TEXT@ NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX docs_newest ON docs (kind, updated_at DESC, id DESC);
CREATE INDEX docs_by_area ON docs (kind, area_id, updated_at DESC);
CREATE INDEX docs_by_org ON docs (kind, org_id, updated_at DESC);
CREATE INDEX docs_by_ref ON docs (kind, ref_id);
CREATE INDEX docs_by_owner ON docs (kind, owner_id);
