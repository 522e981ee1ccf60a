// AuthService::Housekeep: expired sessions and tokens, and login failures older than the
// throttling window, are removed; live sessions and recent failures stay.
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
    auth_ = std::make_unique<AuthService>(store_.get(), &clock_);
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
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<MethodRegistry> methods_;
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<SraService> sras_;
  std::unique_ptr<AdminService> admin_;
};

TEST_F(AuthHousekeepingTest, RemovesExpiredSessionsAndOldFailuresOnly) {
  auto old_login = auth_->Login("sp", "demo", "10.0.0.1", "r1");
  ASSERT_TRUE(old_login.has_value());
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(auth_->Login("cell", "wrong", "10.0.0.2", "r").has_value());
  ASSERT_EQ(*store_->CountLoginFailures("cell", 0), 3);

  // Past the cookie session's lifetime and the throttling window, but not the bearer token's.
  const AuthOptions& opts = auth_->options();
  ASSERT_LT(opts.session_ttl_ms, opts.token_ttl_ms);
  clock_.Advance(std::max(opts.session_ttl_ms, opts.failure_window_ms) + 1);
  auto new_login = auth_->Login("smt", "demo", "10.0.0.3", "r2");
  ASSERT_TRUE(new_login.has_value());
  EXPECT_FALSE(auth_->Login("cell", "wrong", "10.0.0.2", "r").has_value());  // one recent failure

  ASSERT_TRUE(auth_->Housekeep().has_value());
  EXPECT_FALSE(SessionStored(old_login->session_secret));  // expired: removed
  EXPECT_TRUE(SessionStored(old_login->bearer_token));     // still valid: kept
  EXPECT_TRUE(SessionStored(new_login->session_secret));
  EXPECT_EQ(*store_->CountLoginFailures("cell", 0), 1);
  EXPECT_EQ(*store_->CountLoginFailures("addr:10.0.0.2", 0), 1);
  ASSERT_TRUE(auth_->Housekeep().has_value());  // idempotent
  EXPECT_TRUE(SessionStored(new_login->session_secret));
}

}  // namespace
}  // namespace srm::service
