-- Search, filters and sort of the lists (issue 18): each sort key has an index in its keyset
-- order (the key, then id) so a sorted page reads only its rows; the risk sort ranks names by
-- the pack and the text search scans what the other filters leave.
CREATE INDEX sras_by_title ON sras (title, id);
CREATE INDEX sras_by_review_due ON sras (review_due, id);
CREATE INDEX sras_by_overall_residual ON sras (overall_residual, updated_at DESC, id DESC);
CREATE INDEX clearance_requests_by_from ON clearance_requests ("from", id);
CREATE INDEX clearance_requests_by_traveller ON clearance_requests (traveller_name, id);
CREATE INDEX clearance_legs_by_area_request ON clearance_legs (area_id, request_id);
CREATE INDEX compliance_items_by_due_id ON compliance_items (due_date, id);
CREATE INDEX compliance_items_by_location_name ON compliance_items (location_name, id);
