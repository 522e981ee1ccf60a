// The request edge: what every request must be before anything routes, logs or serves a file
// for it. Independent of the HTTP library (the server hands over the method, the decoded path,
// the decoded query parameters and the headers), so every server front end applies the same
// rule and a fuzzer can drive it directly.
//
// Refused (HTTP 400, error shape {code, message, field}): bytes that are not UTF-8, NUL and other
// control characters (a header value may hold a horizontal tab), and parts over the limits below.
// The message never echoes the offending bytes, so the answer and the log stay valid JSON.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace srm::api {

using StringPairs = std::vector<std::pair<std::string, std::string>>;

inline constexpr size_t kMaxMethodBytes = 16;
inline constexpr size_t kMaxPathBytes = 2048;       // decoded; the longest route is far shorter
inline constexpr size_t kMaxQueryParams = 64;
inline constexpr size_t kMaxQueryKeyBytes = 64;
inline constexpr size_t kMaxQueryValueBytes = 4096;
inline constexpr size_t kMaxHeaders = 100;
inline constexpr size_t kMaxHeaderNameBytes = 128;
inline constexpr size_t kMaxHeaderValueBytes = 8192;

// Checks one request as it arrived. `path` and `query` are percent-decoded (what routing and the
// static file handler see); `headers` are as received. Ok, or Invalid with code
// "invalid_request_line" (field "method", "path", "query" or "query.<key>") or "invalid_header"
// (field "header" or "header.<lower-case name>").
Status CheckRequestEdge(std::string_view method, std::string_view path, const StringPairs& query,
                        const StringPairs& headers);

// True when s is well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool ValidUtf8(std::string_view s);

// What the body of a POST or PUT is, by its Content-Type: JSON (application/json, parameters
// such as charset=utf-8 allowed), a CSV file (text/csv or application/octet-stream, only on a
// route that takes an upload), empty (no body, and no Content-Type or one of those), or unsupported
// (answered 415, so a cross-site form or text/plain request never reaches a JSON route).
enum class BodyKind { kEmpty, kJson, kCsv, kUnsupported };
BodyKind ClassifyBody(std::string_view content_type, size_t body_size, bool upload_route);

}  // namespace srm::api
