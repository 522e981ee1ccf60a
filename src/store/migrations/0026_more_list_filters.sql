-- Search, filters and sort of the remaining lists (issue 18): each sort key has an
-- index in its keyset order (the key, then id) so a sorted page reads only its rows; the text
-- search scans what the other filters (scope, area, status) leave.
CREATE INDEX activity_decisions_by_programme_name ON activity_decisions (programme_name, id);
CREATE INDEX activity_decisions_by_area_name ON activity_decisions (area_name, id);
CREATE INDEX activity_decisions_by_pc ON activity_decisions (pc, id);
CREATE INDEX egs_decisions_by_from ON egs_decisions ("from", id);
CREATE INDEX egs_decisions_by_area_name ON egs_decisions (area_name, id);
CREATE INDEX egs_decisions_by_decided_at ON egs_decisions (decided_at, id);
CREATE INDEX fund_requests_by_submitted_at ON fund_requests (submitted_at, id);
CREATE INDEX fund_requests_by_amount ON fund_requests (amount_minor, id);
CREATE INDEX budgets_by_year_id ON budgets (year, id);
CREATE INDEX budgets_by_total ON budgets (total_minor, id);
CREATE INDEX governance_bodies_by_name ON governance_bodies (name, id);
CREATE INDEX governance_meetings_by_held_on ON governance_meetings (held_on, id);
CREATE INDEX governance_meetings_by_title ON governance_meetings (title, id);
CREATE INDEX governance_decisions_by_due_on ON governance_decisions (due_on, id);
CREATE INDEX action_plan_items_by_due_on ON action_plan_items (due_on, id);
CREATE INDEX security_personnel_by_full_name ON security_personnel (full_name, id);
