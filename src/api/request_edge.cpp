#include "api/request_edge.h"

namespace srm::api {
namespace {

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

// Printable text: valid UTF-8 without control characters (a tab only where `tab_ok`).
bool CleanText(std::string_view s, bool tab_ok) {
  for (unsigned char c : s)
    if (IsControl(c) && !(tab_ok && c == '\t')) return false;
  return ValidUtf8(s);
}

bool IsTokenChar(unsigned char c) {  // RFC 9110 tchar
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

// A name that may be echoed in the error's field: short, plain ASCII.
bool Echoable(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (unsigned char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
          c == '.'))
      return false;
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::unexpected<Error> BadLine(std::string message, std::string field) {
  return Invalid("invalid_request_line", std::move(message), std::move(field));
}
std::unexpected<Error> BadHeader(std::string message, std::string field) {
  return Invalid("invalid_header", std::move(message), std::move(field));
}

// The media type of a Content-Type value, lower case, without parameters and spaces.
std::string MediaType(std::string_view content_type) {
  const size_t semi = content_type.find(';');
  std::string_view t = content_type.substr(0, semi);
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  return Lower(t);
}

}  // namespace

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    unsigned cp = 0;
    if (c >= 0xc2 && c <= 0xdf) {
      len = 2;
      cp = c & 0x1fu;
    } else if (c >= 0xe0 && c <= 0xef) {
      len = 3;
      cp = c & 0x0fu;
    } else if (c >= 0xf0 && c <= 0xf4) {
      len = 4;
      cp = c & 0x07u;
    } else {
      return false;  // a continuation byte first, 0xc0/0xc1 (overlong), or 0xf5 and above
    }
    if (n - i < len) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0u) != 0x80u) return false;
      cp = (cp << 6) | (cc & 0x3fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;  // overlong
    if (cp >= 0xd800 && cp <= 0xdfff) return false;                           // surrogate
    if (cp > 0x10ffff) return false;
    i += len;
  }
  return true;
}

Status CheckRequestEdge(std::string_view method, std::string_view path, const StringPairs& query,
                        const StringPairs& headers) {
  if (method.empty() || method.size() > kMaxMethodBytes) return BadLine("the request method is malformed", "method");
  for (unsigned char c : method)
    if (c < 'A' || c > 'Z') return BadLine("the request method is malformed", "method");

  if (path.empty() || path.front() != '/') return BadLine("the request path must start with '/'", "path");
  if (path.size() > kMaxPathBytes)
    return BadLine("the request path is longer than " + std::to_string(kMaxPathBytes) + " bytes", "path");
  if (!CleanText(path, false))
    return BadLine("the request path is not valid UTF-8 or holds control characters (such as %00)", "path");

  if (query.size() > kMaxQueryParams)
    return BadLine("more than " + std::to_string(kMaxQueryParams) + " query parameters", "query");
  for (const auto& [key, value] : query) {
    if (key.size() > kMaxQueryKeyBytes || !CleanText(key, false))
      return BadLine("a query parameter name is too long, not valid UTF-8 or holds control characters", "query");
    const std::string field = Echoable(key) ? "query." + key : "query";
    if (value.size() > kMaxQueryValueBytes)
      return BadLine("a query parameter is longer than " + std::to_string(kMaxQueryValueBytes) + " bytes", field);
    if (!CleanText(value, false))
      return BadLine("a query parameter is not valid UTF-8 or holds control characters", field);
  }

  if (headers.size() > kMaxHeaders) return BadHeader("more than " + std::to_string(kMaxHeaders) + " headers", "header");
  for (const auto& [name, value] : headers) {
    bool token = !name.empty() && name.size() <= kMaxHeaderNameBytes;
    for (unsigned char c : name) token = token && IsTokenChar(c);
    if (!token) return BadHeader("a header name is empty, too long or not a token", "header");
    const std::string field = Echoable(name) ? "header." + Lower(name) : "header";
    if (value.size() > kMaxHeaderValueBytes)
      return BadHeader("a header value is longer than " + std::to_string(kMaxHeaderValueBytes) + " bytes", field);
    if (!CleanText(value, true)) return BadHeader("a header value is not valid UTF-8 or holds control characters", field);
  }
  return {};
}

BodyKind ClassifyBody(std::string_view content_type, size_t body_size, bool upload_route) {
  const std::string type = MediaType(content_type);
  const bool json = type == "application/json";
  const bool csv = upload_route && (type == "text/csv" || type == "application/octet-stream");
  // No body and no type (curl -X POST without -d): nothing to refuse. A form type with an empty
  // body is still a form (the HTTP library takes multipart parts out of the body).
  if (body_size == 0) return type.empty() || json || csv ? BodyKind::kEmpty : BodyKind::kUnsupported;
  if (json) return BodyKind::kJson;
  if (csv) return BodyKind::kCsv;
  return BodyKind::kUnsupported;
}

}  // namespace srm::api
