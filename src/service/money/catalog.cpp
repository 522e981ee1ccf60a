#include "service/money/catalog.h"

#include <algorithm>

#include "core/ids.h"
#include "service/paging.h"

namespace srm::service {

using domain::Role;
using domain::records::PriceList;
using domain::records::SecurityService;

namespace {

constexpr const char* kService = "security_service";
constexpr const char* kPriceList = "price_list";

// The universal list is nobody's organization, country or area: only an unscoped grant covers it.
const domain::ScopeRef kUniversal{};

bool Governance(const Principal& p) { return p.HasFor(Role::kGovernance, kUniversal); }
bool Admin(const Principal& p) { return p.Has(Role::kAdmin); }

bool ReadsDrafts(const Principal& p) {
  return Governance(p) || Admin(p) || p.Has(Role::kAuditor) || p.Has(Role::kFinance);
}

std::string AuditJson(PriceList l) {
  l.revision = 0;
  return domain::ToJson(l).dump();
}

std::string AuditJson(SecurityService s) {
  s.revision = 0;
  return domain::ToJson(s).dump();
}

std::string WriterRole(const Principal& p) {
  return Governance(p) ? std::string(domain::RoleName(Role::kGovernance)) : p.RoleLabel(Role::kAdmin);
}

Status RequireWriter(const Principal& p, const char* what) {
  if (Governance(p) || Admin(p)) return {};
  return Fail(ErrorKind::kForbidden, "governance_required",
              std::string(what) + " is for the security governance group (an unscoped governance grant) or an administrator");
}

Status RequireDraft(const PriceList& l) {
  if (l.status == "published")
    return Conflict("price_list_published",
                    "price list " + l.id + " is published and never changes: create a new version with from_id");
  return {};
}

}  // namespace

Result<std::optional<PriceList>> PublishedPriceList(store::Store& store, int year) {
  SRM_ASSIGN(all, AllPages<PriceList>([&](const store::PageRequest& page) {
               return store.ListPriceLists({.year = year, .status = "published"}, page);
             }));
  std::optional<PriceList> best;
  for (auto& l : all)
    if (!best || l.version > best->version) best = std::move(l);
  return best;
}

CatalogService::CatalogService(store::Store* store, const Clock* clock, IdGen* ids)
    : store_(store), clock_(clock), ids_(ids) {}

std::string CatalogService::Now() const { return FormatTimestamp(clock_->NowMillis()); }

Status CatalogService::Commit(const Principal& p, const std::string& role, const std::string& action,
                              const std::string& type, const std::string& id, const std::string& before,
                              const std::string& after, std::vector<store::RecordWrite> writes) {
  store::WriteBatch batch;
  batch.records = std::move(writes);
  store::AuditEvent audit{p.user.id, p.user.username, role, action, type, id, before, after, p.request_id};
  return store_->Write(batch, {audit});
}

// ---- the results chain ----

Result<SecurityService> CatalogService::PutService(const Principal& p, const domain::ServiceBody& in) {
  SRM_TRY(RequireWriter(p, "the catalog of services"));
  SecurityService s;
  s.code = in.code;
  s.name = in.name;
  s.description = in.description;
  s.provider = in.provider;
  s.unit = in.unit;
  s.funding_source = in.funding_source;
  SRM_TRY(domain::CheckService(s));
  SRM_ASSIGN(current, store_->ListSecurityServices({.code = in.code, .current_only = true}, {1, ""}));
  s.id = ids_->NewId("svc");
  s.created_by = {p.user.id, p.user.username};
  s.created_at = s.updated_at = Now();
  std::vector<store::RecordWrite> writes;
  std::string before;
  if (!current.items.empty()) {
    SecurityService old = current.items.front();
    before = AuditJson(old);
    const int64_t expected = old.revision;
    old.superseded = true;
    old.updated_at = s.updated_at;
    s.version = old.version + 1;
    writes.push_back({store::AnyRecord(old), expected});  // first: one current row per code
  }
  writes.push_back({store::AnyRecord(s), 0});
  SRM_TRY(Commit(p, WriterRole(p), before.empty() ? "service.create" : "service.version", kService, s.id, before,
                 AuditJson(s), std::move(writes)));
  s.revision = 1;
  return s;
}

Result<store::Page<SecurityService>> CatalogService::ListServices(const Principal&, const store::SecurityServiceFilter& f,
                                                                  const store::PageRequest& page) {
  return store_->ListSecurityServices(f, page);
}

// ---- the universal price list ----

Result<PriceList> CatalogService::Load(const std::string& id) {
  if (!ValidId(id)) return NotFound("price list");
  SRM_ASSIGN(found, store_->GetPriceList(id));
  if (!found) return NotFound("price list " + id);
  return std::move(*found);
}

Result<std::set<std::string, std::less<>>> CatalogService::CurrentCodes() {
  SRM_ASSIGN(all, AllPages<SecurityService>([&](const store::PageRequest& page) {
               return store_->ListSecurityServices({.current_only = true}, page);
             }));
  std::set<std::string, std::less<>> codes;
  for (const auto& s : all) codes.insert(s.code);
  return codes;
}

Result<int> CatalogService::NextVersion(int year) {
  SRM_ASSIGN(all, AllPages<PriceList>([&](const store::PageRequest& page) {
               return store_->ListPriceLists({.year = year}, page);
             }));
  int top = 0;
  for (const auto& l : all) top = std::max(top, l.version);
  return top + 1;
}

Result<PriceList> CatalogService::CreatePriceList(const Principal& p, const domain::PriceListCreateBody& in) {
  SRM_TRY(RequireWriter(p, "drafting the price list"));
  PriceList l;
  if (in.from_id) {
    auto from = Load(*in.from_id);
    if (!from) {
      if (from.error().kind == ErrorKind::kNotFound)
        return Unprocessable("unknown_price_list", "no price list " + *in.from_id, "from_id");
      return std::unexpected(from.error());
    }
    l.year = from->year;
    l.currency = from->currency;
    l.note = in.note_given ? in.content.note : from->note;
    l.items = from->items;
    l.regional_factors = from->regional_factors;
    l.arrangements = from->arrangements;
    l.derived_from_id = from->id;
  } else {
    l.year = in.year;
    l.currency = in.content.currency;
    l.note = in.content.note;
    l.items = in.content.items;
    l.regional_factors = in.content.regional_factors;
    l.arrangements = in.content.arrangements;
  }
  SRM_ASSIGN(codes, CurrentCodes());
  // A copy of an older list may name a service since withdrawn: the rules say so (service_unknown).
  SRM_TRY(domain::CheckPriceList(l, codes));
  SRM_ASSIGN(version, NextVersion(l.year));
  l.id = ids_->NewId("prl");
  l.version = version;
  l.status = "draft";
  l.drafted_by = {p.user.id, p.user.username};
  l.created_at = l.updated_at = Now();
  SRM_TRY(Commit(p, WriterRole(p), in.from_id ? "price_list.new_version" : "price_list.create", kPriceList, l.id, "",
                 AuditJson(l), {{store::AnyRecord(l), 0}}));
  l.revision = 1;
  return l;
}

Result<PriceList> CatalogService::EditPriceList(const Principal& p, const std::string& id,
                                                const domain::PriceListEditBody& in) {
  SRM_TRY(RequireWriter(p, "editing a draft price list"));
  SRM_ASSIGN(l, Load(id));
  SRM_TRY(RequireDraft(l));
  if (in.revision && *in.revision != l.revision)
    return Conflict("stale_revision", "the price list changed since you read it (revision " +
                                          std::to_string(l.revision) + ")");
  const PriceList before = l;
  l.currency = in.content.currency;
  l.note = in.content.note;
  l.items = in.content.items;
  l.regional_factors = in.content.regional_factors;
  l.arrangements = in.content.arrangements;
  domain::RecordEditor(l, {p.user.id, p.user.username});  // who edited may not publish (CheckPublisher)
  SRM_ASSIGN(codes, CurrentCodes());
  SRM_TRY(domain::CheckPriceList(l, codes));
  l.updated_at = Now();
  SRM_TRY(Commit(p, WriterRole(p), "price_list.update", kPriceList, l.id, AuditJson(before), AuditJson(l),
                 {{store::AnyRecord(l), before.revision}}));
  l.revision = before.revision + 1;
  return l;
}

Result<PriceList> CatalogService::Publish(const Principal& p, const std::string& id, std::optional<int64_t> revision) {
  if (!Governance(p))
    return Fail(ErrorKind::kForbidden, "governance_required",
                "a price list is published by the security governance group (an unscoped governance grant)");
  SRM_ASSIGN(l, Load(id));
  SRM_TRY(RequireDraft(l));
  SRM_TRY(domain::CheckPublisher(l, p.user.id));
  if (revision && *revision != l.revision)
    return Conflict("stale_revision", "the price list changed since you read it (revision " +
                                          std::to_string(l.revision) + ")");
  // The catalog may have changed since the draft was written: the rules hold at publication too.
  SRM_ASSIGN(codes, CurrentCodes());
  SRM_TRY(domain::CheckPriceList(l, codes));
  const PriceList before = l;
  l.status = "published";
  l.published_by = {p.user.id, p.user.username};
  l.published_at = Now();
  l.updated_at = *l.published_at;
  SRM_TRY(Commit(p, std::string(domain::RoleName(Role::kGovernance)), "price_list.publish", kPriceList, l.id,
                 AuditJson(before), AuditJson(l), {{store::AnyRecord(l), before.revision}}));
  l.revision = before.revision + 1;
  return l;
}

Result<PriceList> CatalogService::GetPriceList(const Principal& p, const std::string& id) {
  SRM_ASSIGN(l, Load(id));
  // A draft another may not read is answered as absent: its existence is the governance group's.
  if (l.status != "published" && !ReadsDrafts(p)) return NotFound("price list " + id);
  return l;
}

Result<store::Page<PriceList>> CatalogService::ListPriceLists(const Principal& p, const store::PriceListFilter& f,
                                                              const store::PageRequest& page) {
  store::PriceListFilter filter = f;
  if (!ReadsDrafts(p)) {
    if (!filter.status.empty() && filter.status != "published") return store::Page<PriceList>{};
    filter.status = "published";
  }
  return store_->ListPriceLists(filter, page);
}

Result<domain::PriceListDiff> CatalogService::Diff(const Principal& p, const std::string& id,
                                                   const std::string& against_id) {
  SRM_ASSIGN(to, GetPriceList(p, id));
  if (against_id.empty()) return Invalid("required", "against names the price list to compare with", "against");
  auto from = GetPriceList(p, against_id);
  if (!from) {
    if (from.error().kind == ErrorKind::kNotFound)
      return Unprocessable("unknown_price_list", "no price list " + against_id, "against");
    return std::unexpected(from.error());
  }
  return domain::DiffPriceLists(*from, to);
}

}  // namespace srm::service
