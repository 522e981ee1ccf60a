// Users, sessions and tokens, login throttling.
#include <algorithm>

#include "store/grants_json.h"
#include "store/sql/query.h"
#include "store/sql/sql_store.h"

namespace srm::store::sql {
namespace {

// Key space of the per-counter locks of login throttling ("SRMT"), beside the counter's name.
constexpr int64_t kThrottleLockSpace = 0x53524d54;

constexpr std::string_view kUserColumns =
    "SELECT id, username, display_name, organization_id, password_hash, grants, disabled, created_at "
    "FROM users";
// The user columns of kUserColumns, starting at column `at` of the row.
Result<User> ReadUserAt(const Row& r, int at) {
  User u;
  u.id = r.Text(at + 0);
  u.username = r.Text(at + 1);
  u.display_name = r.Text(at + 2);
  u.organization_id = r.Text(at + 3);
  u.password_hash = r.Text(at + 4);
  SRM_ASSIGN(grants, GrantsFromJson(r.Text(at + 5)));
  u.grants = std::move(grants);
  u.disabled = r.Int(at + 6) != 0;
  u.created_at = r.Text(at + 7);
  return u;
}
Result<User> ReadUser(const Row& r) { return ReadUserAt(r, 0); }

constexpr std::string_view kSessionColumns =
    "SELECT token_hash, user_id, kind, csrf_token, created_ms, expires_ms, session_id, name FROM sessions";
Session ReadSession(const Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4), r.Int(5), r.Text(6), r.Text(7)};
}

// Raises the people's names epoch (migration 0029, store.h SraRow::names_epoch) inside the
// caller's transaction when `source` yields the row (1, 1) (a SELECT may yield none: no change):
// an upsert, since the one row exists only once first raised.
std::string RaiseNamesEpochIf(std::string_view source) {
  return "INSERT INTO user_names_epoch (id, epoch) " + std::string(source) +
         " ON CONFLICT (id) DO UPDATE SET epoch = user_names_epoch.epoch + 1";
}

}  // namespace

// --- Users ---

Status SqlStore::CreateUser(const User& u, const AuditEvent& audit) {
  SRM_TRY(RequireId(u.id, "user"));
  return Write(std::span(&audit, 1), [&](Executor& e) -> Status {
    SRM_TRY(e.Execute("INSERT INTO users (id, username, display_name, organization_id, password_hash, grants, "
                      "disabled, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                      Args(u.id, u.username, u.display_name, u.organization_id, u.password_hash,
                           GrantsToJson(u.grants), u.disabled, u.created_at)));
    // A username that named nobody in a kept SRA view may name someone now.
    SRM_TRY(e.Execute(RaiseNamesEpochIf("VALUES (1, 1)"), {}));
    return {};
  });
}

Status SqlStore::UpdateUser(const User& u, const AuditEvent& audit) {
  // created_at is the moment of creation and stays as stored.
  return Write(std::span(&audit, 1), [&](Executor& e) -> Status {
    // A new display name (or username) changes how SRA views name this user: the epoch is raised
    // only then, before the row changes, in this transaction (a grant or a disable changes no name).
    SRM_TRY(e.Execute(
        RaiseNamesEpochIf("SELECT 1, 1 FROM users WHERE id = ?1 AND (display_name <> ?2 OR username <> ?3)"),
        Args(u.id, u.display_name, u.username)));
    SRM_ASSIGN(updated, e.Execute("UPDATE users SET username = ?2, display_name = ?3, organization_id = ?4, "
                                  "password_hash = ?5, grants = ?6, disabled = ?7 WHERE id = ?1",
                                  Args(u.id, u.username, u.display_name, u.organization_id, u.password_hash,
                                       GrantsToJson(u.grants), u.disabled)));
    if (updated == 0) return NotFound("user " + u.id);
    // Disabled: every session and token ends now, so enabling the user again revives none. The
    // UPDATE holds the user's row (or the write lock), so a sign-in racing it either committed
    // before (its rows are deleted here) or waits and sees the user disabled (PutSessions).
    if (u.disabled) SRM_TRY(e.Execute("DELETE FROM sessions WHERE user_id = ?1", Args(u.id)));
    return {};
  });
}

Status SqlStore::SetPasswordHash(const std::string& user_id, const std::string& password_hash,
                                 const std::string& keep_session_id, const AuditEvent& audit) {
  return Write(std::span(&audit, 1), [&](Executor& e) -> Status {
    SRM_ASSIGN(updated, e.Execute("UPDATE users SET password_hash = ?2 WHERE id = ?1", Args(user_id, password_hash)));
    if (updated == 0) return NotFound("user " + user_id);
    SRM_TRY(e.Execute("DELETE FROM sessions WHERE user_id = ?1 AND (?2 = '' OR session_id <> ?2)",
                      Args(user_id, keep_session_id)));
    return {};
  });
}

Result<std::optional<User>> SqlStore::GetUser(const std::string& id) {
  return ReadOne<User>(*db_, std::string(kUserColumns) + " WHERE id = ?1", Args(id), ReadUser);
}

Result<std::optional<User>> SqlStore::FindUserByName(const std::string& username) {
  // lower(username) is the expression of the unique index users_username_lower, which serves it.
  return ReadOne<User>(*db_, std::string(kUserColumns) + " WHERE lower(username) = lower(?1)", Args(username),
                       ReadUser);
}

Result<Page<User>> SqlStore::ListUsers(const UserFilter& f, const PageRequest& page) {
  WhereClause w;
  if (!f.organization_id.empty()) w.Add("organization_id = ?", f.organization_id);
  if (f.disabled) w.Add("disabled = ?", static_cast<int64_t>(*f.disabled ? 1 : 0));
  // A role held in any grant: grants is GrantsToJson's compact array, where each grant's role is
  // spelled "role":"<name>" (role names are lower case, so the folded containment is exact).
  if (!f.role.empty()) w.Add(db_->dialect().ContainsFolded("grants"), FoldAscii("\"role\":\"" + f.role + "\""));
  const ListNarrowing& n = f.narrow;
  AddTextSearch(&w, db_->dialect(), n.text, {"username", "display_name"});
  const int limit = ClampLimit(page.limit);
  if (n.sort.empty()) {
    // Ordered by username; the cursor is the last username of the page.
    WhereClause after = w;
    if (!page.after.empty()) after.Add("username > ?", page.after);
    return FetchPage<User>(*db_, {"SELECT COUNT(*) FROM users", kUserColumns, " ORDER BY username"}, w, after, limit,
                           ReadUser, [](const User& u) { return u.username; });
  }
  std::string expr;
  std::function<std::string(const User&)> key;
  if (n.sort == "username") {
    expr = "username";
    key = [](const User& u) { return u.username; };
  } else if (n.sort == "name") {
    expr = "display_name";
    key = [](const User& u) { return u.display_name; };
  } else if (n.sort == "created") {
    expr = "created_at";
    key = [](const User& u) { return u.created_at; };
  } else {
    return Invalid("unknown_sort", "unknown sort key '" + n.sort + "'", "sort");
  }
  const SortOrder order = SortBy(expr, n.descending);
  WhereClause after = w;
  SRM_TRY(AddSortCursor(&after, order, page.after));
  const std::string order_by = OrderBySql(order);
  return FetchPage<User>(*db_, {"SELECT COUNT(*) FROM users", kUserColumns, order_by}, w, after, limit, ReadUser,
                         [&key](const User& u) { return key(u) + "|" + u.id; });
}

// --- Sessions ---

Status SqlStore::PutSessions(const std::vector<Session>& rows, const AuditEvent& audit) {
  for (const Session& s : rows)
    if (s.token_hash.empty()) return Invalid("missing_id", "a session needs a token hash", "token_hash");
  // A sign-in racing a disable: FOR SHARE (or SQLite's write lock) waits for a disable in flight
  // (UpdateUser) and then reads its outcome; a disable that comes later waits for this commit and
  // then deletes these rows.
  const std::string user_sql = "SELECT disabled FROM users WHERE id = ?1" + std::string(db_->dialect().for_share);
  return Write(std::span(&audit, 1), [&](Executor& e) -> Status {
    for (const Session& s : rows) {
      SRM_ASSIGN(disabled, Scalar(e, user_sql, Args(s.user_id)));
      if (disabled != 0) return Conflict("user_disabled", "the account is disabled");
      SRM_TRY(e.Execute("INSERT INTO sessions (token_hash, user_id, kind, csrf_token, created_ms, expires_ms, "
                        "session_id, name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
                        "ON CONFLICT (token_hash) DO UPDATE SET user_id = excluded.user_id, kind = excluded.kind, "
                        "csrf_token = excluded.csrf_token, created_ms = excluded.created_ms, "
                        "expires_ms = excluded.expires_ms, session_id = excluded.session_id, name = excluded.name",
                        Args(s.token_hash, s.user_id, s.kind, s.csrf_token, s.created_ms, s.expires_ms, s.session_id,
                             s.name)));
    }
    return {};
  });
}

Result<std::optional<Session>> SqlStore::FindSession(const std::string& token_hash) {
  return ReadOne<Session>(*db_, std::string(kSessionColumns) + " WHERE token_hash = ?1", Args(token_hash),
                          ReadSession);
}

Result<std::optional<SessionUser>> SqlStore::FindSessionUser(const std::string& token_hash) {
  // Users are LEFT-joined so a session whose user is gone is still told apart from no session.
  return ReadOne<SessionUser>(
      *db_,
      "SELECT s.token_hash, s.user_id, s.kind, s.csrf_token, s.created_ms, s.expires_ms, s.session_id, s.name, "
      "COALESCE(u.id, ''), COALESCE(u.username, ''), COALESCE(u.display_name, ''), COALESCE(u.organization_id, ''), "
      "COALESCE(u.password_hash, ''), COALESCE(u.grants, '[]'), COALESCE(u.disabled, 0), COALESCE(u.created_at, ''), "
      "COALESCE(o.code, '') "
      "FROM sessions s LEFT JOIN users u ON u.id = s.user_id LEFT JOIN organizations o ON o.id = u.organization_id "
      "WHERE s.token_hash = ?1",
      Args(token_hash), [](const Row& r) -> Result<SessionUser> {
        SessionUser out;
        out.session = ReadSession(r);
        SRM_ASSIGN(user, ReadUserAt(r, 8));
        out.user = std::move(user);
        out.organization_code = r.Text(16);
        return out;
      });
}

Status SqlStore::DeleteSession(const std::string& token_hash, const AuditEvent& audit) {
  // Deleting a session that is already gone succeeds (logging out twice is not an error).
  return WriteOne(audit,
                  "DELETE FROM sessions WHERE token_hash = ?1 OR session_id IN "
                  "(SELECT session_id FROM sessions WHERE token_hash = ?1 AND session_id <> '')",
                  Args(token_hash));
}

Status SqlStore::RevokeSession(const std::string& user_id, const std::string& session_id, const AuditEvent& audit) {
  if (session_id.empty()) return NotFound("session");
  return Write(std::span(&audit, 1), [&](Executor& e) -> Status {
    SRM_ASSIGN(revoked,
               e.Execute("DELETE FROM sessions WHERE user_id = ?1 AND session_id = ?2", Args(user_id, session_id)));
    if (revoked == 0) return NotFound("session " + session_id);
    return {};
  });
}

Result<std::vector<Session>> SqlStore::ListSessions(const std::string& user_id, const std::string& kind) {
  return ReadAll<Session>(
      *db_, std::string(kSessionColumns) + " WHERE user_id = ?1 AND kind = ?2 ORDER BY created_ms, session_id",
      Args(user_id, kind), ReadSession);
}

Status SqlStore::DeleteExpiredSessions(int64_t now_ms) {
  return Write({}, [&](Executor& e) -> Status {
    SRM_TRY(e.Execute("DELETE FROM sessions WHERE expires_ms <= ?1", Args(now_ms)));
    return {};
  });
}

// --- Login throttling ---

Result<bool> SqlStore::ReserveAttempt(const std::vector<AttemptCounter>& counters, const std::string& attempt_id,
                                      int64_t since_ms, int64_t at_ms) {
  // Count-then-insert must be one step: SQLite's write transaction holds the database's one write
  // lock; on PostgreSQL each counter's lock, taken in one order by every server, makes a parallel
  // reservation on the same counter wait for this commit and then count it.
  std::vector<std::string> names;
  for (const AttemptCounter& counter : counters) names.push_back(counter.scope + "\n" + counter.subject);
  std::sort(names.begin(), names.end());
  bool reserved = false;
  SRM_TRY(Write({}, [&](Executor& e) -> Status {
    reserved = false;
    for (const std::string& name : names) SRM_TRY(LockName(e, kThrottleLockSpace, name));
    for (const AttemptCounter& counter : counters) {
      SRM_ASSIGN(count, Scalar(e, "SELECT COUNT(*) FROM login_attempts WHERE scope = ?1 AND subject = ?2 "
                                  "AND at_ms >= ?3",
                               Args(counter.scope, counter.subject, since_ms)));
      if (count >= counter.limit) return {};
    }
    for (const AttemptCounter& counter : counters)
      SRM_TRY(e.Execute("INSERT INTO login_attempts (scope, subject, attempt_id, at_ms) VALUES (?1, ?2, ?3, ?4)",
                        Args(counter.scope, counter.subject, attempt_id, at_ms)));
    reserved = true;
    return {};
  }));
  return reserved;
}

Status SqlStore::ReleaseAttempt(const std::string& attempt_id) {
  return Write({}, [&](Executor& e) -> Status {
    SRM_TRY(e.Execute("DELETE FROM login_attempts WHERE attempt_id = ?1", Args(attempt_id)));
    return {};
  });
}

Status SqlStore::SettleAttempt(const std::string& attempt_id) {
  return Write({}, [&](Executor& e) -> Status {
    SRM_TRY(e.Execute("UPDATE login_attempts SET settled = 1 WHERE attempt_id = ?1", Args(attempt_id)));
    return {};
  });
}

Result<int> SqlStore::CountFailures(const std::string& scope, const std::string& subject, int64_t since_ms,
                                    int64_t unsettled_before_ms) {
  SRM_ASSIGN(count, ReadOne<int64_t>(*db_,
                                     "SELECT COUNT(*) FROM login_attempts WHERE scope = ?1 AND subject = ?2 "
                                     "AND at_ms >= ?3 AND (settled = 1 OR at_ms < ?4)",
                                     Args(scope, subject, since_ms, unsettled_before_ms),
                                     [](const Row& r) { return r.Int(0); }));
  return static_cast<int>(count.value_or(0));
}

Result<int> SqlStore::CountAttempts(const std::string& scope, const std::string& subject, int64_t since_ms) {
  SRM_ASSIGN(count, ReadOne<int64_t>(*db_,
                                     "SELECT COUNT(*) FROM login_attempts WHERE scope = ?1 AND subject = ?2 "
                                     "AND at_ms >= ?3",
                                     Args(scope, subject, since_ms), [](const Row& r) { return r.Int(0); }));
  return static_cast<int>(count.value_or(0));
}

Status SqlStore::PruneAttempts(int64_t before_ms) {
  return Write({}, [&](Executor& e) -> Status {
    SRM_TRY(e.Execute("DELETE FROM login_attempts WHERE at_ms < ?1", Args(before_ms)));
    return {};
  });
}

}  // namespace srm::store::sql
