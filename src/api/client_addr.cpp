#include "api/client_addr.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace srm::api {

std::string CanonicalAddress(std::string_view text) {
  if (text.empty() || text.size() > 45) return "";  // INET6_ADDRSTRLEN - 1
  const std::string s(text);
  unsigned char buf[16];
  char out[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET, s.c_str(), buf) == 1) return inet_ntop(AF_INET, buf, out, sizeof out) ? out : "";
  if (inet_pton(AF_INET6, s.c_str(), buf) != 1) return "";
  static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(buf, kMapped, sizeof kMapped) == 0) return inet_ntop(AF_INET, buf + 12, out, sizeof out) ? out : "";
  return inet_ntop(AF_INET6, buf, out, sizeof out) ? out : "";
}

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string ClientAddress(std::string_view peer, const std::vector<std::string>& forwarded_for,
                          const std::vector<std::string>& trusted_proxies) {
  std::vector<std::string> trusted;
  for (const std::string& t : trusted_proxies)
    if (std::string c = CanonicalAddress(t); !c.empty()) trusted.push_back(std::move(c));
  auto is_trusted = [&](const std::string& a) { return std::find(trusted.begin(), trusted.end(), a) != trusted.end(); };

  std::string hop = CanonicalAddress(peer);
  if (hop.empty()) return std::string(peer.substr(0, 45));  // not an IP peer (a test double): as given
  // Every entry, in order, over all X-Forwarded-For headers.
  std::vector<std::string_view> entries;
  for (const std::string& header : forwarded_for) {
    std::string_view rest = header;
    while (true) {
      const size_t comma = rest.find(',');
      entries.push_back(Trim(rest.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  // Walk from the nearest hop outwards while the hop is a proxy we trust.
  for (auto it = entries.rbegin(); it != entries.rend() && is_trusted(hop); ++it) {
    std::string next = CanonicalAddress(*it);
    if (next.empty()) return hop;  // a trusted proxy passed on something that is not an address
    hop = std::move(next);
  }
  return hop;
}

}  // namespace srm::api
