// Authentication: passwords (argon2id), cookie sessions with CSRF tokens, bearer tokens for
// scripts, login throttling. Sessions live in the store so any server can serve any request.
// Thread-safe.
#pragma once

#include <string>

#include "core/clock.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

struct AuthOptions {
  int64_t session_ttl_ms = 12LL * 3600 * 1000;       // cookie session: one working day
  int64_t token_ttl_ms = 30LL * 24 * 3600 * 1000;    // bearer token for scripts
  int max_failures = 5;                              // per username and per client address...
  int64_t failure_window_ms = 15LL * 60 * 1000;      // ...within this window
  int min_password_length = 10;
};

struct LoginResult {
  std::string session_secret;  // for the HttpOnly cookie
  std::string csrf_token;      // echoed by the browser in X-CSRF-Token on writes
  std::string bearer_token;    // for Authorization: Bearer
  int64_t expires_ms = 0;
  domain::User user;
};

class AuthService {
 public:
  AuthService(store::Store* store, const Clock* clock, AuthOptions opts = {})
      : store_(store), clock_(clock), opts_(opts) {}

  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& client_addr, const std::string& request_id);
  // Resolves a session secret (cookie or bearer) to its principal; 401 when unknown/expired.
  Result<Principal> Authenticate(const std::string& secret, const std::string& expected_kind,
                                 std::string* csrf_token_out);
  Status Logout(const Principal& p, const std::string& secret);

  // Removes expired sessions and tokens and the login failures older than the throttling window.
  // The server runs it at start and then periodically; idempotent.
  Status Housekeep();

  // Password policy; demo users bypass it by being created through SeedDemo only.
  Status CheckPasswordPolicy(const std::string& password) const;

  const AuthOptions& options() const { return opts_; }

 private:
  store::Store* store_;
  const Clock* clock_;
  AuthOptions opts_;
};

}  // namespace srm::service
