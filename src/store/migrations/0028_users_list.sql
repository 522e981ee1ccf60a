-- The administration's users list (issue 18): filtered by organization and sorted by display name or
-- creation, a page at a time (keyset: the sort value, then id). These indexes answer each order
-- without sorting the whole table; usernames have theirs since 0001.
CREATE INDEX users_by_display_name ON users (display_name, id);
CREATE INDEX users_by_created ON users (created_at, id);
CREATE INDEX users_by_organization ON users (organization_id, username);
