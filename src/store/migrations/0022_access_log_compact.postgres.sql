-- PostgreSQL keeps its table (a heap with its primary key index and the by-SRA index: no rowid
-- copy to shed); its rows shrink with the shorter batch ids.
COMMENT ON TABLE sra_access_log IS 'SRA access log (issue 17): append-only, batches anchored in the audit chain';
