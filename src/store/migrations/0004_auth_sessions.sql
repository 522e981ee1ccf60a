-- Issue 11, hostile clients: sessions, throttling, usernames.
--
-- One sign-in is one session: the browser's cookie and the bearer token returned with it share a
-- session_id, and ending either ends both. Integration tokens (kind 'api') are made on purpose,
-- one session_id each, with a name their owner chose. Every login before this version handed out a
-- 30-day bearer token with no way to end it: all of them end here (everyone signs in again).
DELETE FROM sessions;
ALTER TABLE sessions ADD COLUMN session_id @TEXT@ NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN name @TEXT@ NOT NULL DEFAULT '';
CREATE INDEX sessions_by_session ON sessions (session_id);

-- Throttling counts attempts, reserved before a password is checked and given back when it was
-- right. Each counter has a scope ('user', 'addr', 'password') beside its subject, so a value of one
-- scope (a username like 'addr:10.0.0.1') can never name a counter of another.
DROP TABLE login_failures;
CREATE TABLE login_attempts (
  scope      @TEXT@ NOT NULL,
  subject    @TEXT@ NOT NULL,
  attempt_id @TEXT@ NOT NULL,
  at_ms      BIGINT NOT NULL,
  -- 0 while the password is being checked, 1 once it was found wrong (a failure). A login that
  -- finds only attempts in flight ahead of it is told to retry (503), not that it is locked out.
  settled    @SMALLINT@ NOT NULL DEFAULT 0
);
CREATE INDEX login_attempts_by_key ON login_attempts (scope, subject, at_ms);
CREATE INDEX login_attempts_by_attempt ON login_attempts (attempt_id);
CREATE INDEX login_attempts_by_time ON login_attempts (at_ms);

-- Usernames are unique whatever their case ('Admin' beside 'admin' is refused); sign-in looks the
-- name up the same way. Usernames are ASCII (letters, digits, '.', '_', '-'), so lower() is exact.
-- A database already holding two such names stops here on the duplicate: rename one, then migrate.
CREATE UNIQUE INDEX users_username_lower ON users (lower(username));
