#include "service/auth.h"

#include "security/crypto.h"

namespace srm::service {
namespace {
// A valid hash verified when the username is unknown, so timing does not reveal which names exist.
const std::string& DummyHash() {
  static const std::string h = [] {
    auto r = security::HashPassword("not-a-real-password", security::PasswordCost::Interactive());
    return r ? *r : std::string();
  }();
  return h;
}
}  // namespace

Status AuthService::CheckPasswordPolicy(const std::string& password) const {
  if (static_cast<int>(password.size()) < opts_.min_password_length)
    return Invalid("weak_password", "password must have at least " + std::to_string(opts_.min_password_length) +
                                        " characters", "password");
  if (password.size() > 1024) return Invalid("too_long", "password is too long", "password");
  return {};
}

Result<LoginResult> AuthService::Login(const std::string& username, const std::string& password,
                                       const std::string& client_addr, const std::string& request_id) {
  if (username.empty() || username.size() > 100) return Invalid("invalid_credentials", "username is required", "username");
  if (password.empty() || password.size() > 1024) return Invalid("invalid_credentials", "password is required", "password");
  const int64_t now = clock_->NowMillis();
  const int64_t since = now - opts_.failure_window_ms;
  const std::string addr_key = "addr:" + client_addr;
  SRM_ASSIGN(user_failures, store_->CountLoginFailures(username, since));
  SRM_ASSIGN(addr_failures, store_->CountLoginFailures(addr_key, since));
  // Per-address limit is wider: an office behind one NAT shares an address.
  if (user_failures >= opts_.max_failures || addr_failures >= opts_.max_failures * 4)
    return Fail(ErrorKind::kThrottled, "login_throttled",
                "too many failed sign-ins; wait 15 minutes or ask an administrator");

  SRM_ASSIGN(found, store_->FindUserByName(username));
  const bool ok = found ? security::VerifyPassword(password, found->password_hash)
                        : (security::VerifyPassword(password, DummyHash()), false);
  if (!ok || found->disabled) {
    SRM_TRY(store_->RecordLoginFailure(username, now));
    SRM_TRY(store_->RecordLoginFailure(addr_key, now));
    return Fail(ErrorKind::kUnauthenticated, "invalid_credentials", "unknown username or wrong password");
  }
  SRM_TRY(store_->ClearLoginFailures(username));

  LoginResult out;
  out.session_secret = security::RandomHex(32);
  out.csrf_token = security::RandomHex(16);
  out.bearer_token = "srm_" + security::RandomHex(32);
  out.expires_ms = now + opts_.session_ttl_ms;
  out.user = *found;
  store::Session cookie{security::Sha256Hex(out.session_secret), found->id, "cookie", out.csrf_token, now,
                        out.expires_ms};
  store::Session token{security::Sha256Hex(out.bearer_token), found->id, "token", "", now, now + opts_.token_ttl_ms};
  store::AuditEvent ev{found->id, found->username, "", "auth.login", "user", found->id, "",
                       "{\"client\":\"" + client_addr + "\"}", request_id};
  SRM_TRY(store_->PutSession(cookie, ev));
  ev.action = "auth.token";
  ev.after.clear();
  SRM_TRY(store_->PutSession(token, ev));
  return out;
}

Result<Principal> AuthService::Authenticate(const std::string& secret, const std::string& expected_kind,
                                            std::string* csrf_token_out) {
  if (secret.empty() || secret.size() > 200)
    return Fail(ErrorKind::kUnauthenticated, "unauthenticated", "sign in first");
  SRM_ASSIGN(session, store_->FindSession(security::Sha256Hex(secret)));
  if (!session || session->kind != expected_kind || session->expires_ms <= clock_->NowMillis())
    return Fail(ErrorKind::kUnauthenticated, "session_expired", "your session has expired; sign in again");
  SRM_ASSIGN(user, store_->GetUser(session->user_id));
  if (!user || user->disabled)
    return Fail(ErrorKind::kUnauthenticated, "session_expired", "your account is not active");
  if (csrf_token_out) *csrf_token_out = session->csrf_token;
  Principal p;
  p.user = std::move(*user);
  p.session_kind = expected_kind;
  return p;
}

Status AuthService::Housekeep() {
  const int64_t now = clock_->NowMillis();
  SRM_TRY(store_->DeleteExpiredSessions(now));
  return store_->PruneLoginFailures(now - opts_.failure_window_ms);
}

Status AuthService::Logout(const Principal& p, const std::string& secret) {
  store::AuditEvent ev{p.user.id, p.user.username, "", "auth.logout", "user", p.user.id, "", "", p.request_id};
  return store_->DeleteSession(security::Sha256Hex(secret), ev);
}

}  // namespace srm::service
