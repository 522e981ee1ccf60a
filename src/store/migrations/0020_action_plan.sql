-- Issue 16 (002 § 49): the action plan for model 1 and the category 1 recommendations: items by
-- category with their lead, status, milestones and typed evidence links into the product.

CREATE TABLE action_plan_items (
  id                   @TEXT@ PRIMARY KEY,
  code                 @TEXT@ NOT NULL,
  title                @TEXT@ NOT NULL,
  category             @TEXT@ NOT NULL,
  model                @TEXT@ NOT NULL,
  lead                 @TEXT@ NOT NULL,
  lead_body_id         @TEXT@ REFERENCES governance_bodies (id) DEFERRABLE INITIALLY DEFERRED,
  status               @TEXT@ NOT NULL,
  due_on               @TEXT@ NOT NULL,
  source               @TEXT@ NOT NULL,
  created_by_id        @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  created_by_username  @TEXT@ NOT NULL,
  created_at           @TEXT@ NOT NULL,
  updated_at           @TEXT@ NOT NULL,
  revision             BIGINT NOT NULL,
  CONSTRAINT action_plan_items_code_key UNIQUE (code)
);
CREATE INDEX action_plan_items_newest ON action_plan_items (updated_at DESC, id DESC);
CREATE INDEX action_plan_items_by_category ON action_plan_items (category, updated_at DESC, id DESC);
CREATE INDEX action_plan_items_by_status ON action_plan_items (status, updated_at DESC, id DESC);

CREATE TABLE action_plan_milestones (
  item_id  @TEXT@ NOT NULL REFERENCES action_plan_items (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal  INTEGER NOT NULL,
  id       @TEXT@ NOT NULL,
  title    @TEXT@ NOT NULL,
  due_on   @TEXT@ NOT NULL,
  done_on  @TEXT@,
  PRIMARY KEY (item_id, ordinal)
);

CREATE TABLE action_plan_evidence (
  item_id           @TEXT@ NOT NULL REFERENCES action_plan_items (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal           INTEGER NOT NULL,
  kind              @TEXT@ NOT NULL,
  target_id         @TEXT@ NOT NULL,
  note              @TEXT@ NOT NULL,
  added_by_id       @TEXT@ NOT NULL,
  added_by_username @TEXT@ NOT NULL,
  added_at          @TEXT@ NOT NULL,
  PRIMARY KEY (item_id, ordinal)
);
