-- Issue 14 (SRM-METHOD.md 7a): a PC assessment is dated and expires, and a PC1 is confirmed by the
-- executive head's office of the programme's organization. Assessments recorded before this
-- migration keep valid_until '' (they hold the pack's pc_assessment_months from recorded_at) and
-- no confirmation (a PC1 among them is judged as PC4 until confirmed).
ALTER TABLE pc_assessments ADD COLUMN valid_until @TEXT@ NOT NULL DEFAULT '';
ALTER TABLE pc_assessments ADD COLUMN confirmed_by @TEXT@ NOT NULL DEFAULT '';
ALTER TABLE pc_assessments ADD COLUMN confirmed_at @TEXT@ NOT NULL DEFAULT '';
ALTER TABLE pc_assessments ADD COLUMN confirmed_by_id @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED;
