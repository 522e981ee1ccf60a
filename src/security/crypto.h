// Cryptographic primitives, all from libsodium. Thread-safe after InitCrypto().
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace srm::security {

// Must be called once before any other function here; safe to call again.
Status InitCrypto();

// Cost of argon2id. Interactive limits for production; tests may use the minimum to stay fast.
struct PasswordCost {
  unsigned long long ops;
  size_t mem_bytes;
  static PasswordCost Interactive();
  static PasswordCost Minimum();
};

// argon2id hash in libsodium's self-describing string form ($argon2id$v=19$...).
Result<std::string> HashPassword(std::string_view password, PasswordCost cost);
bool VerifyPassword(std::string_view password, const std::string& stored_hash);

// `bytes` random bytes, hex-encoded (2*bytes characters).
std::string RandomHex(size_t bytes);
// SHA-256, hex-encoded.
std::string Sha256Hex(std::string_view data);
// The same for `prefix` followed by a file's bytes, read in chunks (an upload streamed to disk);
// "" when the file cannot be read.
std::string Sha256HexWithFile(std::string_view prefix, const std::string& path);
// Constant-time comparison of equal-length strings (false when lengths differ).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace srm::security

#include "core/clock.h"
namespace srm::security {
// Ids with 64 random bits: unguessable, so an id seen in one scope reveals nothing of another.
class RandomIdGen final : public IdGen {
 public:
  std::string NewId(const std::string& prefix) override { return prefix + "_" + RandomHex(8); }
};
}  // namespace srm::security
