#include "api/http/message.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace srm::api::http {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

template <typename F>
const std::string* Find(const F& fields, std::string_view name) {
  for (const auto& [k, v] : fields)
    if (IEquals(k, name)) return &v;
  return nullptr;
}

}  // namespace

void Response::set_file(std::string path, std::string type) {
  body.clear();
  content_type = std::move(type);
  body_file = path;
  body_file_owner = std::shared_ptr<void>(nullptr, [path = std::move(path)](void*) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  });
}

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string Request::get_header_value(std::string_view name) const {
  const std::string* v = Find(headers, name);
  return v ? *v : std::string();
}
bool Request::has_header(std::string_view name) const { return Find(headers, name) != nullptr; }
bool Request::has_param(std::string_view name) const {
  return std::any_of(params.begin(), params.end(), [&](const auto& p) { return p.first == name; });
}
std::string Request::get_param_value(std::string_view name) const {
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return {};
}

void Response::set_header(std::string_view name, std::string value) {
  if (IEquals(name, "Content-Type")) {
    content_type = std::move(value);
    return;
  }
  for (auto& [k, v] : headers)
    if (IEquals(k, name)) {
      v = std::move(value);
      return;
    }
  headers.emplace_back(std::string(name), std::move(value));
}
void Response::add_header(std::string_view name, std::string value) {
  if (IEquals(name, "Content-Type")) {
    content_type = std::move(value);
    return;
  }
  headers.emplace_back(std::string(name), std::move(value));
}
std::string Response::get_header_value(std::string_view name) const {
  if (IEquals(name, "Content-Type")) return content_type;
  const std::string* v = Find(headers, name);
  return v ? *v : std::string();
}
bool Response::has_header(std::string_view name) const {
  if (IEquals(name, "Content-Type")) return !content_type.empty();
  return Find(headers, name) != nullptr;
}

std::string PercentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      const int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

Fields ParseQuery(std::string_view query) {
  Fields out;
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t end = query.find('&', pos);
    if (end == std::string_view::npos) end = query.size();
    std::string_view part = query.substr(pos, end - pos);
    if (!part.empty()) {
      const size_t eq = part.find('=');
      if (eq == std::string_view::npos) out.emplace_back(PercentDecode(part, true), std::string());
      else out.emplace_back(PercentDecode(part.substr(0, eq), true), PercentDecode(part.substr(eq + 1), true));
    }
    pos = end + 1;
  }
  return out;
}

bool SplitTarget(std::string_view target, std::string* path, Fields* params) {
  if (target.empty() || target.front() != '/') return false;
  const size_t q = target.find('?');
  std::string_view raw_path = target.substr(0, q);
  // A fragment is never sent by a conforming client; drop it from the path if one is.
  if (const size_t hash = raw_path.find('#'); hash != std::string_view::npos) raw_path = raw_path.substr(0, hash);
  *path = PercentDecode(raw_path, false);
  params->clear();
  if (q != std::string_view::npos) {
    std::string_view query = target.substr(q + 1);
    if (const size_t hash = query.find('#'); hash != std::string_view::npos) query = query.substr(0, hash);
    *params = ParseQuery(query);
  }
  return true;
}

std::string_view StatusText(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Entity";
    case 428: return "Precondition Required";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
  }
}

}  // namespace srm::api::http
