// Methodology packs: the active one and every installed version, parsed once and cached.
// Thread-safe; packs are immutable and shared read-only.
#pragma once

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "domain/method.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

using PackPtr = std::shared_ptr<const domain::MethodPack>;

class MethodRegistry {
 public:
  explicit MethodRegistry(store::Store* store) : store_(store) {}

  // Installs the compiled-in default when the store has no active pack (first start).
  Status EnsureDefault();
  Result<PackPtr> Active();
  Result<PackPtr> Get(const std::string& version);
  // Validates and installs a new version (admin only); activate makes new SRAs use it.
  Result<PackPtr> Install(const Principal& p, const std::string& json_text, bool activate);

 private:
  store::Store* store_;
  std::shared_mutex mu_;
  std::string active_version_;
  std::unordered_map<std::string, PackPtr> packs_;
};

}  // namespace srm::service
