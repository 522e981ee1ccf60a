#include "api/http/static_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace srm::api::http {

namespace {

bool SafePath(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) return false;
  size_t pos = 1;
  while (pos <= path.size()) {
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view seg = path.substr(pos, end - pos);
    if (seg == ".." || seg == ".") return false;
    pos = end + 1;
  }
  return true;
}

// q=0 refuses an encoding; anything else (or no q) accepts it.
bool Accepts(const std::string& accept_encoding, std::string_view coding) {
  size_t pos = 0;
  while (pos < accept_encoding.size()) {
    size_t end = accept_encoding.find(',', pos);
    if (end == std::string::npos) end = accept_encoding.size();
    std::string_view item(accept_encoding.data() + pos, end - pos);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    const size_t semi = item.find(';');
    std::string_view name = item.substr(0, semi);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.remove_suffix(1);
    if (IEquals(name, coding)) {
      if (semi == std::string_view::npos) return true;
      std::string_view params = item.substr(semi + 1);
      const size_t q = params.find("q=");
      if (q == std::string_view::npos) return true;
      const double v = std::atof(std::string(params.substr(q + 2)).c_str());
      return v > 0;
    }
    pos = end + 1;
  }
  return false;
}

struct Found {
  std::string path;
  struct stat st {};
};

std::optional<Found> RegularFile(const std::string& path) {
  Found f;
  if (::stat(path.c_str(), &f.st) != 0 || !S_ISREG(f.st.st_mode)) return std::nullopt;
  f.path = path;
  return f;
}

bool ReadWhole(const std::string& path, size_t size, std::string* out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  out->resize(size);
  size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(fd, out->data() + got, size - got);
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  out->resize(got);
  return got == size;
}

bool TagMatches(const std::string& if_none_match, const std::string& etag) {
  if (if_none_match.empty()) return false;
  if (if_none_match == "*") return true;
  // A list of tags, weak ones compared weakly (If-None-Match uses weak comparison).
  size_t pos = 0;
  while (pos < if_none_match.size()) {
    size_t end = if_none_match.find(',', pos);
    if (end == std::string::npos) end = if_none_match.size();
    std::string_view t(if_none_match.data() + pos, end - pos);
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    if (t.rfind("W/", 0) == 0) t.remove_prefix(2);
    if (t == etag) return true;
    pos = end + 1;
  }
  return false;
}

}  // namespace

std::string ContentTypeFor(std::string_view name) {
  const size_t dot = name.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? std::string_view() : name.substr(dot + 1);
  struct Type {
    std::string_view ext, type;
  };
  static constexpr Type kTypes[] = {
      {"html", "text/html"},        {"htm", "text/html"},         {"js", "text/javascript"},
      {"mjs", "text/javascript"},   {"css", "text/css"},          {"json", "application/json"},
      {"map", "application/json"},  {"svg", "image/svg+xml"},     {"png", "image/png"},
      {"jpg", "image/jpeg"},        {"jpeg", "image/jpeg"},       {"gif", "image/gif"},
      {"webp", "image/webp"},       {"ico", "image/x-icon"},      {"woff", "font/woff"},
      {"woff2", "font/woff2"},      {"ttf", "font/ttf"},          {"txt", "text/plain"},
      {"webmanifest", "application/manifest+json"},               {"wasm", "application/wasm"},
      {"pdf", "application/pdf"},   {"csv", "text/csv"},          {"xml", "application/xml"},
  };
  for (const auto& t : kTypes)
    if (IEquals(ext, t.ext)) return std::string(t.type);
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::string root) {
  if (root.empty()) return;
  std::error_code ec;
  auto canonical = std::filesystem::canonical(root, ec);
  if (ec) return;
  root_ = canonical.string();
  while (root_.size() > 1 && root_.back() == '/') root_.pop_back();
}

std::optional<Response> StaticFiles::Serve(const Request& req) const {
  if (root_.empty() || !SafePath(req.path)) return std::nullopt;
  std::string rel = req.path;
  if (rel.back() == '/') rel += "index.html";
  auto file = RegularFile(root_ + rel);
  if (!file) return std::nullopt;
  // A symbolic link inside the directory may not lead out of it.
  std::error_code ec;
  const std::string real = std::filesystem::canonical(file->path, ec).string();
  if (ec || real.size() <= root_.size() || real.compare(0, root_.size(), root_) != 0 || real[root_.size()] != '/')
    return std::nullopt;

  // A precompressed twin, when the build made one and the client takes it.
  const std::string accept = req.get_header_value("Accept-Encoding");
  std::string coding;
  std::optional<Found> chosen;
  bool has_variant = false;
  for (const auto& [c, suffix] : {std::pair<std::string, std::string>{"br", ".br"}, {"gzip", ".gz"}}) {
    auto twin = RegularFile(real + suffix);
    if (!twin) continue;
    has_variant = true;
    if (!chosen && Accepts(accept, c)) {
      chosen = std::move(twin);
      coding = c;
    }
  }
  const Found& f = chosen ? *chosen : *file;
  char tag[96];
  std::snprintf(tag, sizeof tag, "\"%llx-%llx%s%s\"", static_cast<unsigned long long>(f.st.st_size),
                static_cast<unsigned long long>(f.st.st_mtim.tv_sec) * 1000000000ull +
                    static_cast<unsigned long long>(f.st.st_mtim.tv_nsec),
                coding.empty() ? "" : "-", coding.c_str());
  const std::string etag = tag;

  Response res;
  res.set_header("ETag", etag);
  if (has_variant) res.set_header("Vary", "Accept-Encoding");
  if (TagMatches(req.get_header_value("If-None-Match"), etag)) {
    res.status = 304;
    return res;
  }
  std::string body;
  if (!ReadWhole(f.path, static_cast<size_t>(f.st.st_size), &body)) return std::nullopt;
  if (!coding.empty()) res.set_header("Content-Encoding", coding);
  res.set_content(std::move(body), ContentTypeFor(rel));
  return res;
}

}  // namespace srm::api::http
