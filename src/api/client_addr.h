// The address a request comes from, for login throttling and the audit log. Internal to the api
// module; no HTTP library here, so it is tested (and fuzzed) on its own.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace srm::api {

// The peer's address, unless the peer is one of `trusted_proxies`: then the X-Forwarded-For
// entry nearest to us that is not itself a trusted proxy (each proxy appends the address it got
// the request from, so entries further left were written by whoever sent them and prove nothing).
// `forwarded_for` holds every X-Forwarded-For header in the order received. Addresses are
// compared and answered in canonical form (IPv4-mapped IPv6 as IPv4). When a trusted proxy sent
// an entry that is not an address, the proxy's own address is answered.
std::string ClientAddress(std::string_view peer, const std::vector<std::string>& forwarded_for,
                          const std::vector<std::string>& trusted_proxies);

// The canonical text of an IPv4 or IPv6 address, or "" when `text` is not one.
std::string CanonicalAddress(std::string_view text);

}  // namespace srm::api
