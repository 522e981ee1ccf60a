-- Issue 15: who edited a draft price list after its drafter (separation of duties: whoever drafted
-- or edited a list does not publish it; domain/catalog_rules.h CheckPublisher).
CREATE TABLE price_list_editors (
  parent_id            @TEXT@ NOT NULL REFERENCES price_lists (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal              INTEGER NOT NULL,
  user_id              @TEXT@ NOT NULL,
  username             @TEXT@ NOT NULL,
  PRIMARY KEY (parent_id, ordinal)
);
