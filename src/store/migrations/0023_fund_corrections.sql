-- Corrections of the emergency fund's ledger (issue 16): a wrongly recorded movement is reversed by
-- a new movement (kind 'correction', `reverses` = the original's movement id), never edited.
--   - fund_ledger.reason: why a correction was recorded (shown beside it in the ledger; '' for
--     every other movement). Adding a column rewrites no row, so the append-only triggers of 0018
--     are not involved.
--   - one reversal per movement, held by the database too: two corrections of one movement cannot
--     both be written, whatever races (the service also refuses it first: 409 already_corrected).
--   - fund_contributions.reversed_by: the correction that reversed a contribution ('' while it
--     stands): the transparency report leaves it out of the donor's total.
ALTER TABLE fund_ledger ADD COLUMN reason @TEXT@ NOT NULL DEFAULT '';
CREATE UNIQUE INDEX fund_ledger_one_reversal ON fund_ledger (reverses, seq) WHERE reverses <> '';
ALTER TABLE fund_contributions ADD COLUMN reversed_by @TEXT@ NOT NULL DEFAULT '';
