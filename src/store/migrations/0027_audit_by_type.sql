-- The audit page across SRAs (issue 18) reads the entries of one object type newest first, a
-- page at a time: this index answers it without scanning the chain.
CREATE INDEX audit_log_by_type ON audit_log (object_type, seq);
