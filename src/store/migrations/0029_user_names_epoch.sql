-- The people's names epoch (issue 18): a counter the store raises in the same transaction
-- that creates a user or changes a user's display name or username. Each server keeps read views of
-- SRAs that name who acted (service/sra_read_cache.h); GET /sras/{id} reads this counter in the
-- same query as the SRA's row, so a view built before a rename made through ANY server sharing the
-- database is rebuilt, not only one built in the renaming process. At most one row (id 1), written
-- with an upsert when first raised: an absent row reads as 0.
CREATE TABLE user_names_epoch (
  id @INT64@ PRIMARY KEY CHECK (id = 1),
  epoch @INT64@ NOT NULL
);
