// Ed25519 signatures (libsodium), for statements that must outlive the database that produced
// them: the signed checkpoints of the audit chain's head. Keys and signatures travel as lower-case
// hex. Thread-safe after InitCrypto().
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace srm::security {

// A signing key pair made from a 32-byte seed (the only secret to keep).
class SigningKey {
 public:
  // A new key from the CSPRNG.
  static SigningKey Generate();
  // The key of a seed given as 64 hex characters; kInvalid otherwise.
  static Result<SigningKey> FromSeedHex(std::string_view seed_hex);

  SigningKey(const SigningKey&) = default;
  SigningKey& operator=(const SigningKey&) = default;
  ~SigningKey();

  // 64 hex characters: what verifiers are given.
  const std::string& public_key_hex() const { return public_hex_; }
  // The seed as 64 hex characters, for the key file.
  std::string SeedHex() const;
  // The detached signature of `message`: 128 hex characters.
  std::string Sign(std::string_view message) const;

 private:
  SigningKey() = default;
  unsigned char secret_[64] = {};  // libsodium's secret key: seed followed by the public key
  std::string public_hex_;
};

// True when `signature_hex` is a valid signature of `message` by `public_key_hex`; false for any
// malformed key or signature.
bool VerifySignature(std::string_view public_key_hex, std::string_view message, std::string_view signature_hex);

}  // namespace srm::security
