// Sha256Hex against the FIPS 180-2 test vectors: the audit chain's and the access log's stored
// hashes must not change with the library computing them.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "security/crypto.h"

namespace srm::security {
namespace {

TEST(Sha256HexTest, MatchesTheStandardTestVectors) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256Hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256HexTest, AFileWithAPrefixHashesAsTheirConcatenation) {
  const std::string path = ::testing::TempDir() + "sha256_test_file";
  const std::string body(200000, 'x');  // more than one read buffer
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    ASSERT_EQ(std::fwrite(body.data(), 1, body.size(), f), body.size());
    std::fclose(f);
  }
  EXPECT_EQ(Sha256HexWithFile("POST /x\n", path), Sha256Hex("POST /x\n" + body));
  EXPECT_EQ(Sha256HexWithFile("", path), Sha256Hex(body));
  EXPECT_EQ(Sha256HexWithFile("p", path + ".missing"), "");
  std::remove(path.c_str());
}

TEST(Sha256HexTest, BytesAfterANulCount) {
  const std::string with_nul("a\0b", 3);
  EXPECT_NE(Sha256Hex(with_nul), Sha256Hex("a"));
  EXPECT_EQ(Sha256Hex(with_nul).size(), 64u);
}

}  // namespace
}  // namespace srm::security
