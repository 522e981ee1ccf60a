// The request edge (api/request_edge.cpp): the check every request passes before routing, logging
// or serving a file. The input is read as a request: line 1 the method, line 2 the path, then
// "key=value" query lines up to an empty line, then "Name: value" header lines; the path and
// the query are percent-decoded first, as the HTTP library does. Any input
// must come back ok or as an error value; ok must mean that everything the server goes on to log
// and echo is well-formed UTF-8 without control characters and within the limits; an error's
// answer must serialise. The edge's UTF-8 check is compared with the standard's table, and the
// body classification (the 415 rule) is checked on the Content-Type header.
#include <cctype>
#include <nlohmann/json.hpp>

#include "api/request_edge.h"
#include "fuzz_support.h"

using namespace srm;
using namespace srm::api;

namespace {

bool NoControl(std::string_view s, bool tab_ok) {
  for (unsigned char c : s)
    if ((c < 0x20 || c == 0x7F) && !(tab_ok && c == '\t')) return false;
  return true;
}

// Percent-decoding as the HTTP library applies it to the path and the query before the edge sees
// them: "%ff" is the byte 0xff, "%00" a NUL, "%0a" a line break.
std::string Decode(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> lines;
  for (size_t pos = 0; pos <= in.size();) {
    size_t end = in.find('\n', pos);
    if (end == std::string_view::npos) end = in.size();
    lines.push_back(in.substr(pos, end - pos));
    pos = end + 1;
  }
  const std::string_view method = lines.size() > 0 ? lines[0] : std::string_view();
  const std::string path = lines.size() > 1 ? Decode(lines[1]) : std::string();
  StringPairs query, headers;
  size_t i = 2;
  for (; i < lines.size() && !lines[i].empty(); ++i) {
    const size_t eq = lines[i].find('=');
    query.emplace_back(Decode(lines[i].substr(0, eq)),
                       eq == std::string_view::npos ? std::string() : Decode(lines[i].substr(eq + 1)));
  }
  for (++i; i < lines.size(); ++i) {
    const size_t colon = lines[i].find(':');
    std::string_view value = colon == std::string_view::npos ? std::string_view() : lines[i].substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    headers.emplace_back(std::string(lines[i].substr(0, colon)), std::string(value));
  }

  // The edge's UTF-8 check against the standard's table, on every part.
  for (std::string_view s : {method, std::string_view(path)})
    fuzz::Expect(ValidUtf8(s) == fuzz::WellFormedUtf8(s), "api::ValidUtf8 disagrees with the standard", s);
  for (const auto* list : {&query, &headers})
    for (const auto& [k, v] : *list) {
      fuzz::Expect(ValidUtf8(k) == fuzz::WellFormedUtf8(k), "api::ValidUtf8 disagrees with the standard", k);
      fuzz::Expect(ValidUtf8(v) == fuzz::WellFormedUtf8(v), "api::ValidUtf8 disagrees with the standard", v);
    }

  const Status st = CheckRequestEdge(method, path, query, headers);
  if (!st) {
    fuzz::Expect(st.error().kind == ErrorKind::kInvalid && !st.error().unprocessable,
                 "the edge refuses with something other than 400", st.error().code);
    fuzz::Expect(st.error().code == "invalid_request_line" || st.error().code == "invalid_header",
                 "the edge refuses with an unknown code", st.error().code);
    fuzz::ErrorReply(st.error());  // field and message must serialise: they never echo bad bytes
    fuzz::Utf8(st.error().field, "the edge's error field is not UTF-8");
    return 0;
  }
  // Accepted: what the server logs and routes on is clean.
  fuzz::Expect(!method.empty() && method.size() <= kMaxMethodBytes, "an accepted method out of limits", method);
  for (unsigned char c : method) fuzz::Expect(c >= 'A' && c <= 'Z', "an accepted method is not upper-case letters", method);
  fuzz::Expect(!path.empty() && path.front() == '/' && path.size() <= kMaxPathBytes, "an accepted path out of limits", path);
  fuzz::Utf8(path, "an accepted path is not UTF-8");
  fuzz::Expect(NoControl(path, false), "an accepted path holds a control character (NUL cuts the static path)", path);
  fuzz::Expect(query.size() <= kMaxQueryParams, "too many query parameters accepted");
  for (const auto& [k, v] : query) {
    fuzz::Expect(k.size() <= kMaxQueryKeyBytes && v.size() <= kMaxQueryValueBytes, "a query parameter out of limits", k);
    fuzz::Utf8(k, "an accepted query key is not UTF-8");
    fuzz::Utf8(v, "an accepted query value is not UTF-8");
    fuzz::Expect(NoControl(k, false) && NoControl(v, false), "an accepted query parameter holds a control character", k);
  }
  fuzz::Expect(headers.size() <= kMaxHeaders, "too many headers accepted");
  for (const auto& [k, v] : headers) {
    fuzz::Expect(!k.empty() && k.size() <= kMaxHeaderNameBytes && v.size() <= kMaxHeaderValueBytes,
                 "a header out of limits", k);
    fuzz::Utf8(k, "an accepted header name is not UTF-8");
    fuzz::Utf8(v, "an accepted header value is not UTF-8");
    fuzz::Expect(NoControl(k, false) && NoControl(v, true), "an accepted header holds a control character", k);
  }
  // The access log line and an error answer for this request.
  (void)fuzz::MustDump(nlohmann::json{{"method", method}, {"path", path}, {"query", query}, {"headers", headers}},
                       "the access log line of an accepted request cannot be serialised");

  // The 415 rule on the Content-Type of this request.
  std::string content_type;
  for (const auto& [k, v] : headers)
    if (Lower(k) == "content-type") content_type = v;
  const bool upload = path.find("/import") != std::string_view::npos;
  for (size_t body : {size_t{0}, size_t{1}, size}) {
    const BodyKind kind = ClassifyBody(content_type, body, upload);
    if (body > 0) fuzz::Expect(kind != BodyKind::kEmpty, "a request with a body is kEmpty");
    else if (content_type.empty()) fuzz::Expect(kind == BodyKind::kEmpty, "no body and no type is not kEmpty");
    if (kind == BodyKind::kCsv) fuzz::Expect(upload, "a CSV body accepted on a route that takes no upload");
    if (kind == BodyKind::kJson)
      fuzz::Expect(Lower(content_type).find("application/json") != std::string::npos,
                   "a body taken as JSON without application/json", content_type);
  }
  return 0;
}
