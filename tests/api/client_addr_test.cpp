// api/client_addr.h: which address a request is throttled and audited under.
#include "api/client_addr.h"

#include <gtest/gtest.h>

namespace srm::api {
namespace {

TEST(ClientAddressTest, WithoutATrustedProxyThePeerCountsWhateverTheHeaderSays) {
  EXPECT_EQ(ClientAddress("203.0.113.9", {"10.0.0.1"}, {}), "203.0.113.9");
  EXPECT_EQ(ClientAddress("203.0.113.9", {"10.0.0.1"}, {"198.51.100.1"}), "203.0.113.9");
}

TEST(ClientAddressTest, ATrustedProxyNamesTheClient) {
  const std::vector<std::string> proxies{"127.0.0.1"};
  EXPECT_EQ(ClientAddress("127.0.0.1", {"10.0.0.7"}, proxies), "10.0.0.7");
  // Entries further left were written by the client and prove nothing: the nearest untrusted wins.
  EXPECT_EQ(ClientAddress("127.0.0.1", {"1.1.1.1, 10.0.0.7"}, proxies), "10.0.0.7");
  // Two headers count as one list, in order.
  EXPECT_EQ(ClientAddress("127.0.0.1", {"1.1.1.1", "10.0.0.8"}, proxies), "10.0.0.8");
  // Chains of trusted proxies are walked.
  EXPECT_EQ(ClientAddress("127.0.0.1", {"10.0.0.9, 192.0.2.5"}, {"127.0.0.1", "192.0.2.5"}), "10.0.0.9");
  // No header: the proxy itself.
  EXPECT_EQ(ClientAddress("127.0.0.1", {}, proxies), "127.0.0.1");
}

TEST(ClientAddressTest, GarbageFromATrustedProxyFallsBackToTheProxy) {
  const std::vector<std::string> proxies{"127.0.0.1"};
  EXPECT_EQ(ClientAddress("127.0.0.1", {"addr:10.0.0.1"}, proxies), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", {"10.0.0.1:443"}, proxies), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", {""}, proxies), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", {std::string(1000, '1')}, proxies), "127.0.0.1");
}

TEST(ClientAddressTest, AddressesAreComparedAndAnsweredInCanonicalForm) {
  EXPECT_EQ(CanonicalAddress("::ffff:10.1.2.3"), "10.1.2.3");
  EXPECT_EQ(CanonicalAddress("2001:DB8:0:0::1"), "2001:db8::1");
  EXPECT_EQ(CanonicalAddress("10.1.2"), "");
  EXPECT_EQ(ClientAddress("::ffff:127.0.0.1", {"2001:DB8::1"}, {"127.0.0.1"}), "2001:db8::1");
  EXPECT_EQ(ClientAddress("::1", {"10.0.0.1"}, {"0:0:0:0:0:0:0:1"}), "10.0.0.1");
}

}  // namespace
}  // namespace srm::api
