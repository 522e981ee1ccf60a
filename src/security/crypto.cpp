#include "security/crypto.h"

#include <cstdio>

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <sodium.h>

#include <memory>
#include <vector>

namespace srm::security {

Status InitCrypto() {
  if (sodium_init() < 0) return Internal("libsodium failed to initialise");
  return {};
}

PasswordCost PasswordCost::Interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}
PasswordCost PasswordCost::Minimum() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

Result<std::string> HashPassword(std::string_view password, PasswordCost cost) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.ops, cost.mem_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Internal("password hashing ran out of memory");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, const std::string& stored_hash) {
  if (stored_hash.empty()) return false;
  return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

std::string RandomHex(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), buf.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), buf.data(), buf.size());
  hex.pop_back();
  return hex;
}

std::string Sha256Hex(std::string_view data) {
  // OpenSSL's SHA-256 rather than libsodium's: the same digest, but OpenSSL uses the CPU's SHA
  // instructions where it has them (several times faster), and the audit chain and the access
  // log's batch anchors hash on every write.
  // The algorithm is fetched once and each thread keeps its context: SHA256() looks the
  // algorithm up by name (under a lock) and allocates a context on every call, which cost more
  // than hashing a session token, done on every authenticated request (callgrind).
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  unsigned int digest_size = 0;
  if (sha256 == nullptr || ctx == nullptr || EVP_DigestInit_ex2(ctx.get(), sha256, nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest, &digest_size) != 1 || digest_size != sizeof digest)
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

std::string Sha256HexWithFile(std::string_view prefix, const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return {};
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  bool failed = ctx == nullptr || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
                EVP_DigestUpdate(ctx.get(), prefix.data(), prefix.size()) != 1;
  unsigned char buf[64 * 1024];
  size_t n;
  while (!failed && (n = std::fread(buf, 1, sizeof buf, f)) > 0) failed = EVP_DigestUpdate(ctx.get(), buf, n) != 1;
  failed = failed || std::ferror(f) != 0;
  std::fclose(f);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  if (failed || EVP_DigestFinal_ex(ctx.get(), digest, nullptr) != 1) return {};
  char hex[SHA256_DIGEST_LENGTH * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace srm::security
