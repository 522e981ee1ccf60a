#include "service/methods.h"

namespace srm::service {

Status MethodRegistry::EnsureDefault() {
  SRM_ASSIGN(active, store_->ActiveMethod());
  if (active) return {};
  SRM_ASSIGN(pack, domain::ParseMethodPack(domain::DefaultMethodPackJson()));
  store::MethodRecord rec{pack.version, pack.source_json, true, ""};
  store::AuditEvent ev{"system", "system", "system", "method.install", "method", pack.version, "", pack.version, ""};
  return store_->InstallMethod(rec, true, ev);
}

Result<PackPtr> MethodRegistry::Active() {
  {
    std::shared_lock lock(mu_);
    if (!active_version_.empty()) {
      auto it = packs_.find(active_version_);
      if (it != packs_.end()) return it->second;
    }
  }
  SRM_ASSIGN(rec, store_->ActiveMethod());
  if (!rec) return Internal("no active methodology pack installed");
  SRM_ASSIGN(pack, domain::ParseMethodPack(rec->json));
  auto ptr = std::make_shared<const domain::MethodPack>(std::move(pack));
  std::unique_lock lock(mu_);
  active_version_ = ptr->version;
  packs_[ptr->version] = ptr;
  return ptr;
}

Result<PackPtr> MethodRegistry::Get(const std::string& version) {
  {
    std::shared_lock lock(mu_);
    auto it = packs_.find(version);
    if (it != packs_.end()) return it->second;
  }
  SRM_ASSIGN(rec, store_->GetMethod(version));
  if (!rec) return NotFound("methodology pack " + version);
  SRM_ASSIGN(pack, domain::ParseMethodPack(rec->json));
  auto ptr = std::make_shared<const domain::MethodPack>(std::move(pack));
  std::unique_lock lock(mu_);
  packs_[version] = ptr;
  return ptr;
}

Result<PackPtr> MethodRegistry::Install(const Principal& p, const std::string& json_text, bool activate) {
  if (!p.Has(domain::Role::kAdmin)) return Forbidden("only an administrator may install a methodology pack");
  SRM_ASSIGN(pack, domain::ParseMethodPack(json_text));
  store::MethodRecord rec{pack.version, pack.source_json, activate, ""};
  store::AuditEvent ev{p.user.id, p.user.username, "admin", "method.install", "method", pack.version, "",
                       pack.source_json, p.request_id};
  SRM_TRY(store_->InstallMethod(rec, activate, ev));
  auto ptr = std::make_shared<const domain::MethodPack>(std::move(pack));
  std::unique_lock lock(mu_);
  packs_[ptr->version] = ptr;
  if (activate) active_version_ = ptr->version;
  return ptr;
}

}  // namespace srm::service
