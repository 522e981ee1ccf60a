#include "service/auth.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "security/crypto.h"
#include "security/password_strength.h"

namespace srm::service {

using nlohmann::json;

namespace {

// Throttling scopes: separate key spaces, so no username can name an address's counter.
constexpr const char* kUserScope = "user";
constexpr const char* kAddressScope = "addr";
// An attempt unsettled for this long was abandoned mid-check (the password queue gives up after
// 5 s): it counts as a failure, so killing a server mid-check cannot wipe a guess.
constexpr int64_t kAbandonedAttemptMs = 30'000;
constexpr const char* kPasswordScope = "password";

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::unexpected<Error> InvalidCredentials() {
  return Fail(ErrorKind::kUnauthenticated, "invalid_credentials", "unknown username or wrong password");
}

ApiToken TokenFrom(const store::Session& s) {
  return {s.session_id, s.user_id, s.name, s.created_ms, s.expires_ms, ""};
}

Status MayManageTokensOf(const Principal& p, const std::string& user_id) {
  if (user_id != p.user.id && !p.Has(domain::Role::kAdmin))
    return Forbidden("only the owner and administrators manage a user's tokens");
  return {};
}

// The user's own words for the strength check: the username, the display name and its words.
std::vector<std::string> UserWords(const std::string& username, const std::string& display_name) {
  std::vector<std::string> words{username, display_name};
  std::string word;
  for (char c : display_name + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) & 0x80)) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  return words;
}

}  // namespace

Status AuthService::CheckPasswordPolicy(const std::string& password, const std::string& username,
                                        const std::string& display_name) const {
  if (static_cast<int>(password.size()) < opts_.min_password_length)
    return Invalid("weak_password", "password must have at least " + std::to_string(opts_.min_password_length) +
                                        " characters", "password");
  if (password.size() > 1024) return Invalid("too_long", "password is too long", "password");
  const double bits = security::PasswordEntropyBits(password, UserWords(username, display_name));
  if (bits < opts_.min_password_entropy_bits)
    return Invalid("weak_password",
                   "password is too easy to guess (words, names, keyboard patterns, repeats or dates); "
                   "use a longer phrase of unrelated words",
                   "password");
  return {};
}

Result<LoginResult> AuthService::Login(const std::string& username, const std::string& password,
                                       const std::string& client_addr, const std::string& request_id) {
  if (username.empty() || username.size() > 100) return Invalid("invalid_credentials", "username is required", "username");
  if (password.empty() || password.size() > 1024) return Invalid("invalid_credentials", "password is required", "password");
  // No account can have a name outside the username alphabet (AdminService checks it at creation):
  // such a name is refused before it reaches the store or the password queue.
  if (!std::all_of(username.begin(), username.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '.' || c == '_' || c == '-';
      }))
    return InvalidCredentials();
  const int64_t now = clock_->NowMillis();

  // Reserve the attempt before any password is checked: parallel guesses are counted as they
  // arrive, not after their (slow) verification.
  const std::string attempt = security::RandomHex(16);
  std::vector<store::AttemptCounter> counters{{kUserScope, Lower(username), opts_.max_failures}};
  if (!client_addr.empty()) counters.push_back({kAddressScope, client_addr, opts_.max_address_failures});
  SRM_ASSIGN(reserved, store_->ReserveAttempt(counters, attempt, now - opts_.failure_window_ms, now));
  if (!reserved) {
    SRM_TRY(Refused(counters, now, "login_throttled", "too many failed sign-ins; wait 15 minutes or ask an administrator"));
    return Internal("a refused sign-in was not explained");  // Refused never answers ok
  }

  auto found = store_->FindUserByName(username);
  if (!found) {
    (void)store_->ReleaseAttempt(attempt);  // nothing was checked
    return std::unexpected(found.error());
  }
  // An unknown username costs one verification too, so timing does not tell which names exist.
  Result<bool> verified = *found ? hasher_->Verify(password, (*found)->password_hash) : hasher_->VerifyDummy(password);
  if (!verified) {
    (void)store_->ReleaseAttempt(attempt);  // busy: the password was not checked
    return std::unexpected(verified.error());
  }
  if (!*verified || (*found)->disabled) {
    (void)store_->SettleAttempt(attempt);  // the attempt stays counted, now as a failure
    return InvalidCredentials();
  }
  SRM_TRY(store_->ReleaseAttempt(attempt));
  const domain::User& user = **found;

  LoginResult out;
  out.session_secret = security::RandomHex(32);
  out.csrf_token = security::RandomHex(16);
  out.bearer_token = "srm_" + security::RandomHex(32);
  out.session_id = "ses_" + security::RandomHex(12);
  out.expires_ms = now + opts_.session_ttl_ms;
  out.user = user;
  const std::vector<store::Session> rows{
      {security::Sha256Hex(out.session_secret), user.id, "cookie", out.csrf_token, now, out.expires_ms, out.session_id, ""},
      {security::Sha256Hex(out.bearer_token), user.id, "token", "", now, out.expires_ms, out.session_id, ""}};
  store::AuditEvent ev{user.id, user.username, "", "auth.login", "user", user.id, "",
                       json{{"client", client_addr}, {"session_id", out.session_id}}.dump(), request_id};
  if (auto put = store_->PutSessions(rows, ev); !put) {
    if (put.error().code == "user_disabled") return InvalidCredentials();  // disabled meanwhile
    return std::unexpected(put.error());
  }
  return out;
}

Result<Principal> AuthService::Authenticate(const std::string& secret, const std::string& expected_kind,
                                            std::string* csrf_token_out) {
  if (secret.empty() || secret.size() > 200)
    return Fail(ErrorKind::kUnauthenticated, "unauthenticated", "sign in first");
  // One read: the session, its user and the user's organization code.
  SRM_ASSIGN(found, store_->FindSessionUser(security::Sha256Hex(secret)));
  const store::Session* session = found ? &found->session : nullptr;
  const bool kind_ok = session && (expected_kind == "cookie" ? session->kind == "cookie"
                                                             : session->kind == "token" || session->kind == "api");
  if (!kind_ok || session->expires_ms <= clock_->NowMillis())
    return Fail(ErrorKind::kUnauthenticated, "session_expired", "your session has expired; sign in again");
  if (found->user.id.empty() || found->user.disabled)
    return Fail(ErrorKind::kUnauthenticated, "session_expired", "your account is not active");
  if (csrf_token_out) *csrf_token_out = session->csrf_token;
  Principal p;
  p.session_kind = session->kind;
  p.session_id = session->session_id;
  p.user = std::move(found->user);
  p.organization_code = std::move(found->organization_code);
  return p;
}

Status AuthService::Logout(const Principal& p, const std::string& secret) {
  store::AuditEvent ev{p.user.id, p.user.username, "", "auth.logout", "user", p.user.id, "",
                       json{{"session_id", p.session_id}}.dump(), p.request_id};
  return store_->DeleteSession(security::Sha256Hex(secret), ev);
}

Result<ApiToken> AuthService::CreateToken(const Principal& p, const std::string& name, int64_t ttl_ms) {
  if (p.session_kind == "api")
    return Forbidden("an integration token cannot make tokens; sign in to make one");
  if (name.empty() || name.size() > 100) return Invalid("invalid_value", "name: 1-100 characters", "name");
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f) return Invalid("invalid_value", "name must not contain control characters", "name");
  if (ttl_ms == 0) ttl_ms = opts_.api_token_default_ttl_ms;
  if (ttl_ms < 0 || ttl_ms > opts_.api_token_max_ttl_ms)
    return Invalid("out_of_range",
                   "expires_in_days must be 1-" + std::to_string(opts_.api_token_max_ttl_ms / (24 * 3600 * 1000)),
                   "expires_in_days");
  const int64_t now = clock_->NowMillis();
  ApiToken t{"tok_" + security::RandomHex(12), p.user.id, name, now, now + ttl_ms, "srm_" + security::RandomHex(32)};
  store::AuditEvent ev{p.user.id, p.user.username, "", "auth.token.create", "user", p.user.id, "",
                       json{{"token_id", t.id}, {"name", t.name}, {"expires_at", FormatTimestamp(t.expires_ms)}}.dump(),
                       p.request_id};
  SRM_TRY(store_->PutSession({security::Sha256Hex(t.secret), p.user.id, "api", "", now, t.expires_ms, t.id, t.name}, ev));
  return t;
}

Result<std::vector<ApiToken>> AuthService::ListTokens(const Principal& p, const std::string& user_id) {
  SRM_TRY(MayManageTokensOf(p, user_id));
  SRM_ASSIGN(rows, store_->ListSessions(user_id, "api"));
  std::vector<ApiToken> out;
  for (const auto& s : rows) out.push_back(TokenFrom(s));
  return out;
}

Status AuthService::RevokeToken(const Principal& p, const std::string& user_id, const std::string& token_id) {
  SRM_TRY(MayManageTokensOf(p, user_id));
  // Only integration tokens are revoked by id; a sign-in ends by signing out (or a password change).
  SRM_ASSIGN(rows, store_->ListSessions(user_id, "api"));
  if (std::none_of(rows.begin(), rows.end(), [&](const store::Session& s) { return s.session_id == token_id; }))
    return NotFound("token " + token_id);
  const std::string role = user_id == p.user.id ? "self" : "admin";
  store::AuditEvent ev{p.user.id, p.user.username, role, "auth.token.revoke", "user", user_id, "",
                       json{{"token_id", token_id}}.dump(), p.request_id};
  return store_->RevokeSession(user_id, token_id, ev);
}

Status AuthService::VerifyCurrentPassword(const domain::User& u, const std::string& password) {
  const int64_t now = clock_->NowMillis();
  const std::string attempt = security::RandomHex(16);
  const std::vector<store::AttemptCounter> counters{{kPasswordScope, u.id, opts_.max_failures}};
  SRM_ASSIGN(reserved, store_->ReserveAttempt(counters, attempt, now - opts_.failure_window_ms, now));
  if (!reserved)
    return Refused(counters, now, "password_throttled",
                   "too many wrong current passwords; wait 15 minutes or ask an administrator");
  Result<bool> verified = hasher_->Verify(password, u.password_hash);
  if (!verified) {
    (void)store_->ReleaseAttempt(attempt);
    return std::unexpected(verified.error());
  }
  if (!*verified) {
    (void)store_->SettleAttempt(attempt);
    return Unprocessable("wrong_password", "current password is wrong", "current_password");
  }
  return store_->ReleaseAttempt(attempt);
}

// A reservation was refused. Locked out (429) only when recorded failures alone fill a counter;
// when attempts still being checked make up the rest (parallel sign-ins with the right password),
// the client is asked to retry in a moment (503 busy), like the full password queue.
Status AuthService::Refused(const std::vector<store::AttemptCounter>& counters, int64_t now, const char* code,
                            const char* message) {
  for (const store::AttemptCounter& counter : counters) {
    SRM_ASSIGN(failures, store_->CountFailures(counter.scope, counter.subject, now - opts_.failure_window_ms,
                                               now - kAbandonedAttemptMs));
    if (failures >= counter.limit) return Fail(ErrorKind::kThrottled, code, message);
  }
  return Fail(ErrorKind::kUnavailable, "busy", "other sign-ins of this account or address are being checked; try again in a moment");
}

Result<std::string> AuthService::HashPassword(const std::string& password) { return hasher_->Hash(password); }

Status AuthService::Housekeep() {
  const int64_t now = clock_->NowMillis();
  SRM_TRY(store_->DeleteExpiredSessions(now));
  return store_->PruneAttempts(now - opts_.failure_window_ms);
}

}  // namespace srm::service
