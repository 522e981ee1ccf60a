// A request and a response as the API sees them, independent of the HTTP library underneath
// (src/api/http/http_server.h carries them over Boost.Beast). Accessors are named as cpp-httplib's
// were, so route code reads the same after the switch.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace srm::api::http {

// Header fields in arrival order; names compare case-insensitively.
using Fields = std::vector<std::pair<std::string, std::string>>;

bool IEquals(std::string_view a, std::string_view b);

struct Request {
  std::string method;       // "GET", "POST", ... as sent
  std::string target;       // the raw request-target: "/api/v1/sras?limit=5"
  std::string path;         // the target's path, percent-decoded ("%00" decodes to a NUL byte: check it)
  Fields params;            // the query, decoded ('+' is a space), in order
  Fields headers;
  std::string body;         // the body, when it is kept in memory
  std::string body_file;    // or the file it was streamed to (removed after the request unless moved)
  std::string remote_addr;  // the peer's address (no port)
  int remote_port = 0;
  int version = 11;         // 10 or 11
  bool tls = false;

  // The first value of a header, or "" when absent.
  std::string get_header_value(std::string_view name) const;
  bool has_header(std::string_view name) const;
  bool has_param(std::string_view name) const;
  // The first value of a query parameter, or "".
  std::string get_param_value(std::string_view name) const;
};

struct Response {
  int status = 200;
  Fields headers;           // Content-Type/Content-Length are derived from the fields below
  std::string body;
  std::string content_type; // empty: no Content-Type header
  std::string reason;       // the status text; empty: the standard one

  // Sets (replaces) a header; Content-Type goes to content_type.
  void set_header(std::string_view name, std::string value);
  // Adds a header even when one of that name exists (Set-Cookie).
  void add_header(std::string_view name, std::string value);
  std::string get_header_value(std::string_view name) const;
  bool has_header(std::string_view name) const;
  void set_content(std::string b, std::string type) {
    body = std::move(b);
    content_type = std::move(type);
  }
  // A body sent from a file instead of `body` (an export of any size): the transport reads it in
  // pieces as it writes them. The file was made for this answer: it is removed when the last copy
  // of the response is gone, sent or not.
  std::string body_file;
  std::shared_ptr<void> body_file_owner;
  void set_file(std::string path, std::string type);
};

// Percent-decodes s; with plus_is_space, '+' decodes to ' ' (query strings). A malformed escape
// ("%zz", "%4") is kept literally, as browsers and cpp-httplib do.
std::string PercentDecode(std::string_view s, bool plus_is_space);
// Splits "a=1&b=x%20y" into decoded pairs.
Fields ParseQuery(std::string_view query);
// Fills path and params from target. The target must be in origin form ("/..."); returns false
// for anything else (absolute URLs, "*", an empty target).
bool SplitTarget(std::string_view target, std::string* path, Fields* params);
// The reason phrase of a status code ("Not Found"), or "Unknown".
std::string_view StatusText(int status);

}  // namespace srm::api::http
