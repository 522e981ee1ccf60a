#include "security/signing.h"

#include <sodium.h>

namespace srm::security {
namespace {

std::string Hex(const unsigned char* bytes, size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

// Decodes exactly `size` bytes of lower- or upper-case hex; false otherwise.
bool Unhex(std::string_view hex, unsigned char* out, size_t size) {
  if (hex.size() != size * 2) return false;
  size_t written = 0;
  const char* end = nullptr;
  return sodium_hex2bin(out, size, hex.data(), hex.size(), nullptr, &written, &end) == 0 && written == size &&
         end == hex.data() + hex.size();
}

}  // namespace

SigningKey SigningKey::Generate() {
  SigningKey key;
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_keypair(public_key, key.secret_);
  key.public_hex_ = Hex(public_key, sizeof public_key);
  return key;
}

Result<SigningKey> SigningKey::FromSeedHex(std::string_view seed_hex) {
  unsigned char seed[crypto_sign_SEEDBYTES];
  if (!Unhex(seed_hex, seed, sizeof seed))
    return Invalid("bad_signing_key", "a signing key is 64 hexadecimal characters (an Ed25519 seed)");
  SigningKey key;
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_seed_keypair(public_key, key.secret_, seed);
  sodium_memzero(seed, sizeof seed);
  key.public_hex_ = Hex(public_key, sizeof public_key);
  return key;
}

SigningKey::~SigningKey() { sodium_memzero(secret_, sizeof secret_); }

std::string SigningKey::SeedHex() const {
  unsigned char seed[crypto_sign_SEEDBYTES];
  crypto_sign_ed25519_sk_to_seed(seed, secret_);
  std::string hex = Hex(seed, sizeof seed);
  sodium_memzero(seed, sizeof seed);
  return hex;
}

std::string SigningKey::Sign(std::string_view message) const {
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_);
  return Hex(signature, sizeof signature);
}

bool VerifySignature(std::string_view public_key_hex, std::string_view message, std::string_view signature_hex) {
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  unsigned char signature[crypto_sign_BYTES];
  if (!Unhex(public_key_hex, public_key, sizeof public_key) || !Unhex(signature_hex, signature, sizeof signature))
    return false;
  return crypto_sign_verify_detached(signature, reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), public_key) == 0;
}

}  // namespace srm::security
