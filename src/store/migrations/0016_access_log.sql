-- The SRA access log (issue 17; store/access_log.h): who read an SRA, its document or register,
-- or exported a list, when and from where. Append-only (the triggers are in
-- 0016_access_log.<backend>.sql), written in batches, each batch anchored into the audit chain by
-- one entry (action 'access.batch', object_id = batch_id) carrying the SHA-256 of its rows.
CREATE TABLE sra_access_log (
  batch_id    @TEXT@ NOT NULL,
  ordinal     INTEGER NOT NULL,
  at          @TEXT@ NOT NULL,
  user_id     @TEXT@ NOT NULL,
  user_name   @TEXT@ NOT NULL,
  sra_id      @TEXT@ NOT NULL,
  version     INTEGER NOT NULL,
  kind        @TEXT@ NOT NULL,
  format      @TEXT@ NOT NULL,
  resource    @TEXT@ NOT NULL,
  client_addr @TEXT@ NOT NULL,
  request_id  @TEXT@ NOT NULL,
  PRIMARY KEY (batch_id, ordinal)
);
CREATE INDEX sra_access_log_by_sra ON sra_access_log (sra_id, at DESC, batch_id DESC, ordinal DESC);
