// AuthService over a real SQLite database with an injected clock. Housekeep: expired sessions and
// tokens, and login attempts older than the throttling window, are removed; live sessions and
// recent attempts stay. Integration tokens end at their expiry.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "fakes/fake_clock.h"
#include "security/crypto.h"
#include "service/admin.h"
#include "service/auth.h"
#include "service/demo.h"
#include "service/methods.h"
#include "service/sras.h"
#include "store/sqlite/sqlite_store.h"

namespace srm::service {
namespace {

class AuthHousekeepingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("srm-housekeeping-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    store::SqliteOptions o;
    o.path = (dir_ / "srm.db").string();
    o.clock = &clock_;
    o.readers = 2;
    auto opened = store::OpenSqliteStore(o);
    ASSERT_TRUE(opened.has_value());
    store_ = std::move(*opened);
    ASSERT_TRUE(store_->Migrate().has_value());
    methods_ = std::make_unique<MethodRegistry>(store_.get());
    ASSERT_TRUE(methods_->EnsureDefault().has_value());
    auth_ = std::make_unique<AuthService>(store_.get(), &clock_, &hasher_);
    sras_ = std::make_unique<SraService>(store_.get(), methods_.get(), &clock_, &ids_);
    admin_ = std::make_unique<AdminService>(store_.get(), auth_.get(), &clock_, &ids_);
    ASSERT_TRUE(SeedDemo(store_.get(), admin_.get(), sras_.get()).has_value());
  }
  void TearDown() override {
    admin_.reset();
    sras_.reset();
    auth_.reset();
    methods_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  bool SessionStored(const std::string& secret) {
    auto found = store_->FindSession(security::Sha256Hex(secret));
    EXPECT_TRUE(found.has_value());
    return found.has_value() && found->has_value();
  }

  std::filesystem::path dir_;
  fakes::FakeClock clock_;
  security::RandomIdGen ids_;
  security::PasswordHasher hasher_{security::PasswordCost::Minimum()};
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<MethodRegistry> methods_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<SraService> sras_;
  std::unique_ptr<AdminService> admin_;
};

TEST_F(AuthHousekeepingTest, RemovesExpiredSessionsAndOldAttemptsOnly) {
  auto old_login = auth_->Login("sp", "demo", "10.0.0.1", "r1");
  ASSERT_TRUE(old_login.has_value());
  auto sp = auth_->Authenticate(old_login->bearer_token, "token", nullptr);
  ASSERT_TRUE(sp.has_value());
  auto token = auth_->CreateToken(*sp, "nightly export", 0);
  ASSERT_TRUE(token.has_value()) << token.error().message;
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(auth_->Login("cell", "wrong", "10.0.0.2", "r").has_value());
  ASSERT_EQ(*store_->CountAttempts("user", "cell", 0), 3);

  // Past the sign-in's lifetime and the throttling window, but not the integration token's.
  const AuthOptions& opts = auth_->options();
  ASSERT_LT(opts.session_ttl_ms, opts.api_token_default_ttl_ms);
  clock_.Advance(std::max(opts.session_ttl_ms, opts.failure_window_ms) + 1);
  auto new_login = auth_->Login("smt", "demo", "10.0.0.3", "r2");
  ASSERT_TRUE(new_login.has_value());
  EXPECT_FALSE(auth_->Login("cell", "wrong", "10.0.0.2", "r").has_value());  // one recent failure

  ASSERT_TRUE(auth_->Housekeep().has_value());
  EXPECT_FALSE(SessionStored(old_login->session_secret));  // expired: removed with its token
  EXPECT_FALSE(SessionStored(old_login->bearer_token));
  EXPECT_TRUE(SessionStored(token->secret));               // still valid: kept
  EXPECT_TRUE(SessionStored(new_login->session_secret));
  EXPECT_EQ(*store_->CountAttempts("user", "cell", 0), 1);
  EXPECT_EQ(*store_->CountAttempts("addr", "10.0.0.2", 0), 1);
  ASSERT_TRUE(auth_->Housekeep().has_value());  // idempotent
  EXPECT_TRUE(SessionStored(new_login->session_secret));
}

TEST_F(AuthHousekeepingTest, AnIntegrationTokenEndsAtItsExpiry) {
  auto login = auth_->Login("sp", "demo", "10.0.0.1", "r1");
  ASSERT_TRUE(login.has_value());
  auto sp = auth_->Authenticate(login->bearer_token, "token", nullptr);
  ASSERT_TRUE(sp.has_value());
  const int64_t day = 24LL * 3600 * 1000;
  auto token = auth_->CreateToken(*sp, "one day", day);
  ASSERT_TRUE(token.has_value());
  EXPECT_TRUE(auth_->Authenticate(token->secret, "token", nullptr).has_value());
  EXPECT_FALSE(auth_->Authenticate(token->secret, "cookie", nullptr).has_value());  // a bearer token only
  clock_.Advance(day);
  auto expired = auth_->Authenticate(token->secret, "token", nullptr);
  ASSERT_FALSE(expired.has_value());
  EXPECT_EQ(expired.error().code, "session_expired");
  // Listed as expired until housekeeping removes it.
  auto listed = auth_->ListTokens(*sp, sp->user.id);
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_LE((*listed)[0].expires_ms, clock_.NowMillis());
  // Longer than the maximum is refused.
  auto too_long = auth_->CreateToken(*sp, "forever", auth_->options().api_token_max_ttl_ms + 1);
  ASSERT_FALSE(too_long.has_value());
  EXPECT_EQ(too_long.error().field, "expires_in_days");
}

TEST_F(AuthHousekeepingTest, PasswordPolicyNeedsTwelveCharactersAndZxcvbnStrength) {
  auto refused = [&](const std::string& pw, const std::string& user = "newbie", const std::string& name = "") {
    auto st = auth_->CheckPasswordPolicy(pw, user, name);
    return !st.has_value() && st.error().code == "weak_password" && st.error().field == "password";
  };
  EXPECT_TRUE(refused("password12"));        // the example: too short
  EXPECT_TRUE(refused("password1234"));      // long enough, guessed at once
  EXPECT_TRUE(refused("qwertyuiop12"));      // a keyboard row
  EXPECT_TRUE(refused("aaaaaaaaaaaaaaaa"));  // a repeat
  // The user's own words count as guessable.
  EXPECT_TRUE(refused("leppko.sanjar1", "leppko", "Sanjar Leppko"));
  EXPECT_FALSE(refused("leppko.sanjar1", "someone", "Someone Else"));
  EXPECT_FALSE(refused("correct horse battery"));
  EXPECT_FALSE(refused("a-long-password-1"));
}

}  // namespace
}  // namespace srm::service
