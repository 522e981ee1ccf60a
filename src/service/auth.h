// Authentication: passwords (argon2id behind a bounded queue, zxcvbn strength), sessions in the
// store (any server can serve any request), integration tokens, and throttling reserved before
// any password is checked. Thread-safe.
//
// One sign-in is one session: its HttpOnly cookie (with a CSRF token) and the bearer token
// answered for scripts share one session id, and signing out with either ends both. Long-lived
// tokens for integrations are made on purpose (named, with an expiry) and listed and revoked by
// their owner and administrators. A password change ends every other session and token of the
// user; disabling a user ends all of them for good.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "security/password_hasher.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

struct AuthOptions {
  int64_t session_ttl_ms = 12LL * 3600 * 1000;                 // a sign-in: one working day
  int64_t api_token_default_ttl_ms = 90LL * 24 * 3600 * 1000;  // integration token, unless asked
  int64_t api_token_max_ttl_ms = 366LL * 24 * 3600 * 1000;
  int max_failures = 5;                              // per username, and per user for password changes...
  int max_address_failures = 20;                     // ...per client address (an office behind one NAT)...
  int64_t failure_window_ms = 15LL * 60 * 1000;      // ...within this window
  int min_password_length = 12;
  double min_password_entropy_bits = 28;             // zxcvbn's estimate
};

struct LoginResult {
  std::string session_secret;  // for the HttpOnly cookie
  std::string csrf_token;      // echoed by the browser in X-CSRF-Token on writes
  std::string bearer_token;    // for Authorization: Bearer; the same session as the cookie
  std::string session_id;
  int64_t expires_ms = 0;
  domain::User user;
};

// An integration token as its owner sees it; the secret only once, when it is made.
struct ApiToken {
  std::string id;
  std::string user_id;
  std::string name;
  int64_t created_ms = 0;
  int64_t expires_ms = 0;
  std::string secret;          // set by CreateToken only
};

class AuthService {
 public:
  AuthService(store::Store* store, const Clock* clock, security::PasswordHasher* hasher, AuthOptions opts = {})
      : store_(store), clock_(clock), hasher_(hasher), opts_(opts) {}

  // Throttled per username (whatever its case) and per client address, each in its own key
  // space; the attempt is reserved before the password is checked and given back when it was
  // right. 401 invalid_credentials, 429 login_throttled, 503 busy (the password queue is full).
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& client_addr, const std::string& request_id);
  // Resolves a secret to its principal; 401 when unknown/expired. expected_kind "cookie" takes
  // the browser's cookie only; "token" takes a bearer token (a sign-in's or an integration's).
  Result<Principal> Authenticate(const std::string& secret, const std::string& expected_kind,
                                 std::string* csrf_token_out);
  // Ends the session of this secret: the cookie and the token of the sign-in together.
  Status Logout(const Principal& p, const std::string& secret);

  // Integration tokens. Made by their owner from a sign-in (not from another integration token);
  // ttl_ms 0 takes the default. Listed and revoked by the owner and administrators.
  Result<ApiToken> CreateToken(const Principal& p, const std::string& name, int64_t ttl_ms);
  Result<std::vector<ApiToken>> ListTokens(const Principal& p, const std::string& user_id);
  Status RevokeToken(const Principal& p, const std::string& user_id, const std::string& token_id);

  // A user proving their current password to change it: throttled per user like sign-in (in a
  // key space of its own). 422 wrong_password, 429 password_throttled, 503 busy.
  Status VerifyCurrentPassword(const domain::User& u, const std::string& password);
  // argon2id through the bounded queue (503 busy when it is full).
  Result<std::string> HashPassword(const std::string& password);

  // Removes expired sessions and tokens and the attempts older than the throttling window.
  // The server runs it at start and then periodically; idempotent.
  Status Housekeep();

  // At least min_password_length characters and min_password_entropy_bits by zxcvbn, with the
  // user's own words (username, display name) counted as guessable. Demo users bypass it by
  // being created through SeedDemo only.
  Status CheckPasswordPolicy(const std::string& password, const std::string& username,
                             const std::string& display_name) const;

  const AuthOptions& options() const { return opts_; }
  security::PasswordHasher& hasher() { return *hasher_; }

 private:
  Status Refused(const std::vector<store::AttemptCounter>& counters, int64_t now, const char* code, const char* message);

  store::Store* store_;
  const Clock* clock_;
  security::PasswordHasher* hasher_;
  AuthOptions opts_;
};

}  // namespace srm::service
