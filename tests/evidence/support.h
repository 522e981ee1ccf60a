// Helpers for the evidence tests: a CSV reader over a string, a memory sink, the default pack,
// and the path of the shared real data (../shared/data beside the repository).
#pragma once

#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "domain/method.h"
#include "evidence/csv_reader.h"
#include "evidence/importer.h"

namespace srm::evidence::testing {

// Reads `text` in pieces of `chunk` bytes, so records cross buffer boundaries.
inline CsvReader::ReadFn StringSource(std::string text, size_t chunk = 7) {
  auto data = std::make_shared<std::string>(std::move(text));
  auto pos = std::make_shared<size_t>(0);
  return [data, pos, chunk](char* buf, size_t cap) -> long long {
    size_t n = std::min({cap, chunk, data->size() - *pos});
    std::memcpy(buf, data->data() + *pos, n);
    *pos += n;
    return static_cast<long long>(n);
  };
}

inline const domain::MethodPack& Pack() {
  static const domain::MethodPack pack = *domain::ParseMethodPack(domain::DefaultMethodPackJson());
  return pack;
}

struct MemorySink : ImportSink {
  std::vector<Incident> incidents;
  std::vector<RefusedRow> refused;
  int batches = 0;
  Status Write(std::vector<Incident>& inc, std::vector<RefusedRow>& ref, ImportCounts* counts) override {
    ++batches;
    counts->inserted += static_cast<int64_t>(inc.size());
    for (auto& i : inc) incidents.push_back(i);
    for (auto& r : ref) refused.push_back(r);
    return {};
  }
};

inline std::filesystem::path SharedData() {
  const char* src = std::getenv("SRM_SOURCE_DIR");
  std::filesystem::path root = src ? src : ".";
  return root / ".." / "shared" / "data";
}

inline std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::filesystem::path SourceDir() {
  const char* src = std::getenv("SRM_SOURCE_DIR");
  return src ? src : ".";
}

}  // namespace srm::evidence::testing
