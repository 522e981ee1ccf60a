// Password hashing behind a bounded queue. One argon2id hash or verification at the interactive
// cost takes 64 MiB and tens of milliseconds; run unbounded, 90 parallel sign-ins took 2.2 GB. A
// PasswordHasher runs at most `max_active` of them at once, lets at most `max_queued` more wait
// (each at most `max_wait_ms`), and refuses any further one at once with kUnavailable "busy"
// (HTTP 503 with Retry-After). Thread-safe.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"
#include "security/crypto.h"

namespace srm::security {

struct HasherLimits {
  int max_active = 0;          // 0: min(hardware threads, 4)
  int max_queued = 8;          // callers waiting for a slot; beyond them: "busy"
  int64_t max_wait_ms = 5000;  // a waiting caller gives up ("busy") after this long
};

// A counting gate with a bounded waiting line. Enter() returns a Ticket that holds one of the
// `max_active` slots until it is destroyed.
class WorkGate {
 public:
  WorkGate(int max_active, int max_queued, int64_t max_wait_ms);
  WorkGate(const WorkGate&) = delete;
  WorkGate& operator=(const WorkGate&) = delete;

  class Ticket {
   public:
    Ticket() = default;
    explicit Ticket(WorkGate* gate) : gate_(gate) {}
    Ticket(Ticket&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Ticket& operator=(Ticket&& other) noexcept;
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    ~Ticket() { Release(); }
    void Release();

   private:
    WorkGate* gate_ = nullptr;
  };

  // A slot now, or after waiting in line; kUnavailable "busy" when the line is full or the wait
  // runs out.
  Result<Ticket> Enter();

  int max_active() const { return max_active_; }
  int active() const;
  int queued() const;

 private:
  void Leave();

  const int max_active_;
  const int max_queued_;
  const int64_t max_wait_ms_;
  mutable std::mutex mu_;
  std::condition_variable freed_;
  int active_ = 0;
  int queued_ = 0;
};

class PasswordHasher {
 public:
  explicit PasswordHasher(PasswordCost cost = PasswordCost::Interactive(), HasherLimits limits = {});

  // argon2id hash of the password at this hasher's cost.
  Result<std::string> Hash(std::string_view password);
  // Whether the password matches the stored hash (false for an empty or malformed hash).
  Result<bool> Verify(std::string_view password, const std::string& stored_hash);
  // Costs one verification at this hasher's cost and answers false: for unknown usernames, so
  // that timing does not tell which names exist.
  Result<bool> VerifyDummy(std::string_view password);

  WorkGate& gate() { return gate_; }

 private:
  PasswordCost cost_;
  WorkGate gate_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

}  // namespace srm::security
