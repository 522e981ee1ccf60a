-- Who runs a programme's activity (issue 14, SRM-METHOD.md section 7a): separation of duties
-- refuses that person the acceptance of the activity's risk. Optional: NULL when nobody is named
-- (programmes registered before this migration, or from an SRA's programme table).
ALTER TABLE programmes ADD COLUMN manager_id @TEXT@ REFERENCES users (id);
