#include "security/password_hasher.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace srm::security {
namespace {

std::unexpected<Error> Busy() {
  return Fail(ErrorKind::kUnavailable, "busy", "the server is busy checking passwords; try again in a moment");
}

int DefaultActive() {
  const unsigned cores = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(cores == 0 ? 1u : cores, 1u, 4u));
}

}  // namespace

WorkGate::WorkGate(int max_active, int max_queued, int64_t max_wait_ms)
    : max_active_(max_active > 0 ? max_active : DefaultActive()),
      max_queued_(std::max(max_queued, 0)),
      max_wait_ms_(std::max<int64_t>(max_wait_ms, 0)) {}

WorkGate::Ticket& WorkGate::Ticket::operator=(Ticket&& other) noexcept {
  if (this != &other) {
    Release();
    gate_ = other.gate_;
    other.gate_ = nullptr;
  }
  return *this;
}

void WorkGate::Ticket::Release() {
  if (gate_ != nullptr) gate_->Leave();
  gate_ = nullptr;
}

Result<WorkGate::Ticket> WorkGate::Enter() {
  std::unique_lock lock(mu_);
  if (active_ < max_active_ && queued_ == 0) {
    ++active_;
    return Ticket(this);
  }
  if (queued_ >= max_queued_) return Busy();
  ++queued_;
  const bool got = freed_.wait_for(lock, std::chrono::milliseconds(max_wait_ms_), [&] { return active_ < max_active_; });
  --queued_;
  if (!got) return Busy();
  ++active_;
  return Ticket(this);
}

void WorkGate::Leave() {
  {
    std::lock_guard lock(mu_);
    --active_;
  }
  freed_.notify_one();
}

int WorkGate::active() const {
  std::lock_guard lock(mu_);
  return active_;
}

int WorkGate::queued() const {
  std::lock_guard lock(mu_);
  return queued_;
}

PasswordHasher::PasswordHasher(PasswordCost cost, HasherLimits limits)
    : cost_(cost), gate_(limits.max_active, limits.max_queued, limits.max_wait_ms) {}

Result<std::string> PasswordHasher::Hash(std::string_view password) {
  SRM_ASSIGN(ticket, gate_.Enter());
  return HashPassword(password, cost_);
}

Result<bool> PasswordHasher::Verify(std::string_view password, const std::string& stored_hash) {
  SRM_ASSIGN(ticket, gate_.Enter());
  return VerifyPassword(password, stored_hash);
}

Result<bool> PasswordHasher::VerifyDummy(std::string_view password) {
  SRM_ASSIGN(ticket, gate_.Enter());
  // Made once, inside a slot like any other hash.
  std::call_once(dummy_once_, [&] {
    auto made = HashPassword(RandomHex(16), cost_);
    if (made) dummy_hash_ = std::move(*made);
  });
  (void)VerifyPassword(password, dummy_hash_);
  return false;
}

}  // namespace srm::security
