// The web UI's files from one directory: ETag / If-None-Match (304), precompressed variants
// (file.br, file.gz) chosen by Accept-Encoding when the build produced them, and nothing outside
// the directory (no "..", no NUL, no symbolic link that leads out of it).
#pragma once

#include <optional>
#include <string>

#include "api/http/message.h"

namespace srm::api::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);  // empty: serves nothing
  // The file the request names (a path ending in '/' names its index.html): 200 with the body,
  // or 304; nullopt when there is no such file to serve (the caller answers 404).
  std::optional<Response> Serve(const Request& req) const;
  bool enabled() const { return !root_.empty(); }

 private:
  std::string root_;  // canonical, without a trailing '/'
};

// The Content-Type for a file name's extension ("application/octet-stream" when unknown).
std::string ContentTypeFor(std::string_view name);

}  // namespace srm::api::http
