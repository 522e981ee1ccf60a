#include "service/dashboard.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "domain/roles.h"
#include "domain/sra.h"
#include "domain/sra_json.h"
#include "service/audit.h"
#include "service/decisions.h"
#include "service/scope.h"
#include "service/sras.h"

namespace srm::service {

using domain::Role;

namespace {

// The dashboard lists are short by design: the first things to do, not every record.
constexpr int kWaitingRead = 100;  // decision steps read to find the oldest (and count what SoD leaves)
constexpr int kListShown = 10;

bool IsAuditReader(const Principal& p) { return p.Has(Role::kAuditor) || p.Has(Role::kAdmin); }

bool Conducts(Role r) { return r == Role::kSecurityProfessional || r == Role::kSraDesignate; }

int64_t WholeDaysSince(const std::string& at, int64_t now_ms) {
  auto t = calendar::ParseTimestamp(at);
  if (!t) return 0;
  return std::max<int64_t>(0, calendar::DaysBetween(calendar::DayOfMillis(*t), calendar::DayOfMillis(now_ms)));
}

// "status|area" pairs for the statuses `statuses_of` gives each of the reader's roles, in the areas
// the grant covers (the store filters on them with the read scope, as the inbox does).
Result<std::vector<std::string>> StatusAreaPairs(store::Store* st, const Principal& p,
                                                 const std::function<std::vector<std::string>(Role)>& statuses_of) {
  std::set<std::string> pairs;
  std::optional<std::vector<domain::Area>> areas;
  for (const auto& g : p.user.grants) {
    const auto statuses = statuses_of(g.role);
    if (statuses.empty()) continue;
    if (!areas) {
      SRM_ASSIGN(list, st->ListAreas("", false));
      areas = std::move(list);
    }
    for (const auto& a : *areas) {
      if ((!g.area_id.empty() && g.area_id != a.id) || (!g.country_id.empty() && g.country_id != a.country_id)) continue;
      for (const auto& s : statuses) pairs.insert(s + "|" + a.id);
    }
  }
  return std::vector<std::string>(pairs.begin(), pairs.end());
}

Result<store::Page<store::SraRow>> ListPairs(const DashboardDeps& d, const Principal& p,
                                             const std::vector<std::string>& pairs, int limit) {
  if (pairs.empty()) return store::Page<store::SraRow>{};
  store::SraFilter f;
  f.restrict_status_areas = true;
  f.status_areas = pairs;
  return d.sras->List(p, f, store::PageRequest{limit, ""});
}

// The row with its document's last step (time, who, comment) and its author.
Result<std::optional<std::pair<DashboardSra, domain::Sra>>> Describe(const DashboardDeps& d, const Principal& p,
                                                                     const store::SraRow& listed, int64_t now_ms) {
  SRM_ASSIGN(full, d.store->GetSra(listed.id));
  if (!full) return std::optional<std::pair<DashboardSra, domain::Sra>>();
  auto doc = nlohmann::json::parse(full->doc, nullptr, false);
  if (doc.is_discarded()) return Internal("unreadable SRA document " + listed.id);
  SRM_ASSIGN(sra, domain::SraFromJson(doc));
  DashboardSra out;
  out.row = listed;
  out.since = sra.created_at.empty() ? listed.created_at : sra.created_at;
  if (!sra.history.empty()) {
    const auto& last = sra.history.back();
    if (!last.at.empty()) out.since = last.at;
    out.by = last.by;
    out.comment = last.comment;
  }
  out.days = WholeDaysSince(out.since, now_ms);
  out.mine = !sra.created_by.empty() && sra.created_by == p.user.username;
  return std::optional<std::pair<DashboardSra, domain::Sra>>(std::make_pair(std::move(out), std::move(sra)));
}

// The decision step a status waits for.
std::optional<domain::Action> NextStep(domain::SraStatus s) {
  switch (s) {
    case domain::SraStatus::kInReview: return domain::Action::kReview;
    case domain::SraStatus::kReviewed: return domain::Action::kEndorse;
    case domain::SraStatus::kEndorsed: return domain::Action::kApprove;
    default: return std::nullopt;
  }
}

std::vector<std::string> Names(const std::vector<domain::SraStatus>& statuses) {
  std::vector<std::string> out;
  for (auto s : statuses) out.emplace_back(domain::StatusName(s));
  return out;
}

Status AddSraCards(const DashboardDeps& d, const Principal& p, int64_t now_ms, const std::string& today, Dashboard* out) {
  // Decision steps: what review, endorse or approve waits for the reader's roles. The drafter's
  // statuses are their work, never approvals (issue 18: "Approvals" counted one's own drafts).
  SRM_ASSIGN(decision_pairs, StatusAreaPairs(d.store, p, [](Role r) {
               return Conducts(r) ? std::vector<std::string>() : Names(domain::StatusesAwaiting(r));
             }));
  SRM_ASSIGN(waiting, ListPairs(d, p, decision_pairs, kWaitingRead));
  for (const auto& row : waiting.items) {
    SRM_ASSIGN(described, Describe(d, p, row, now_ms));
    if (!described) continue;
    auto& [item, sra] = *described;
    // Separation of duties (§7a), the rule the transition applies: the reader's own SRA, or one
    // where they took another step of this version, waits for somebody else.
    const auto step = NextStep(sra.status);
    if (!step || domain::EarlierStepBy(sra, p.user.username, *step, sra.status)) continue;
    out->waiting.push_back(std::move(item));
  }
  out->waiting_total = static_cast<int64_t>(out->waiting.size()) +
                       std::max<int64_t>(0, waiting.total - static_cast<int64_t>(waiting.items.size()));
  std::sort(out->waiting.begin(), out->waiting.end(),
            [](const DashboardSra& a, const DashboardSra& b) { return a.since < b.since; });
  if (out->waiting.size() > static_cast<size_t>(kListShown)) out->waiting.resize(kListShown);

  // The drafter's cards, where the reader conducts SRAs.
  bool conducts = false;
  for (const auto& g : p.user.grants) conducts = conducts || Conducts(g.role);
  if (!conducts) return {};
  auto only = [](const char* status) {
    return [status](Role r) { return Conducts(r) ? std::vector<std::string>{status} : std::vector<std::string>(); };
  };
  SRM_ASSIGN(returned_pairs, StatusAreaPairs(d.store, p, only("returned")));
  SRM_ASSIGN(returned, ListPairs(d, p, returned_pairs, kWaitingRead));
  for (const auto& row : returned.items) {
    SRM_ASSIGN(described, Describe(d, p, row, now_ms));
    if (described) out->returned.push_back(std::move(described->first));
  }
  std::sort(out->returned.begin(), out->returned.end(),
            [](const DashboardSra& a, const DashboardSra& b) { return a.since < b.since; });
  if (out->returned.size() > static_cast<size_t>(kListShown)) out->returned.resize(kListShown);

  SRM_ASSIGN(draft_pairs, StatusAreaPairs(d.store, p, only("draft")));
  SRM_ASSIGN(drafts, ListPairs(d, p, draft_pairs, kWaitingRead));
  for (const auto& row : drafts.items) {
    if (out->drafts.size() >= static_cast<size_t>(kListShown)) break;
    SRM_ASSIGN(described, Describe(d, p, row, now_ms));
    if (described && described->first.mine) out->drafts.push_back(std::move(described->first));
  }

  SRM_ASSIGN(published_pairs, StatusAreaPairs(d.store, p, only("published")));
  SRM_ASSIGN(published, ListPairs(d, p, published_pairs, 500));
  const auto today_day = calendar::ParseIsoDate(today);
  for (const auto& row : published.items) {
    const auto due = calendar::ParseIsoDate(row.review_due);
    if (!due || !today_day) continue;
    const int left = calendar::DaysBetween(*today_day, *due);
    if (left > kReviewDueWindowDays) continue;
    DashboardSra item;
    item.row = row;
    item.since = row.review_due;
    item.days = left;  // negative: overdue by that many days
    out->review_due.push_back(std::move(item));
  }
  std::sort(out->review_due.begin(), out->review_due.end(),
            [](const DashboardSra& a, const DashboardSra& b) { return a.row.review_due < b.row.review_due; });
  if (out->review_due.size() > static_cast<size_t>(kListShown)) out->review_due.resize(kListShown);
  return {};
}

bool ServesClearanceQueue(const Principal& p) {
  for (const auto& g : p.user.grants)
    if (((g.role == Role::kSecurityCell || g.role == Role::kDssDesk) && g.org_id.empty()) ||
        g.role == Role::kExecutiveOffice)
      return true;
  return false;
}

Status AddClearanceCards(const DashboardDeps& d, const Principal& p, int64_t now_ms, Dashboard* out) {
  if (d.decisions == nullptr) return {};
  if (ServesClearanceQueue(p)) {
    SRM_ASSIGN(legs, d.decisions->ClearanceInbox(p, "", store::PageRequest{kWaitingRead, ""}));
    out->legs_total = legs.total;
    for (auto& leg : legs.items) {
      DashboardLeg item;
      item.since = leg.history.empty() || leg.history.back().at.empty() ? leg.created_at : leg.history.back().at;
      item.days = WholeDaysSince(item.since, now_ms);
      item.leg = std::move(leg);
      out->legs.push_back(std::move(item));
    }
    std::sort(out->legs.begin(), out->legs.end(),
              [](const DashboardLeg& a, const DashboardLeg& b) { return a.since < b.since; });
    if (out->legs.size() > static_cast<size_t>(kListShown)) out->legs.resize(kListShown);
  }
  // Every user may travel: their own requests (as traveller or as requester), newest first.
  SRM_ASSIGN(requests, d.decisions->ListClearances(p, "", "", store::PageRequest{kWaitingRead, ""}));
  for (auto& r : requests.items) {
    if (out->my_requests.size() >= static_cast<size_t>(kListShown)) break;
    if (r.traveller.user_id == p.user.id || r.requested_by.id == p.user.id) out->my_requests.push_back(std::move(r));
  }
  return {};
}

Status AddAuditCard(const DashboardDeps& d, const Principal& p, Dashboard* out) {
  if (!IsAuditReader(p)) return {};
  DashboardAudit a;
  if (d.audit != nullptr) {
    SRM_ASSIGN(report, d.audit->Verify(p));
    const auto& v = report.verification;
    a.ok = v.ok;
    a.entries = v.chain.entries;
    if (const auto* first = v.first()) {
      a.first_bad = first->seq;
      a.reason = first->reason;
    }
    a.checkpoints = v.checkpoints;
    a.newest = v.newest;
  } else {
    SRM_ASSIGN(v, d.store->VerifyAudit());
    a.ok = v.ok;
    a.entries = v.entries;
    a.first_bad = v.first_bad;
    a.reason = v.code;
  }
  SRM_ASSIGN(access, d.store->ListAccess(store::AccessFilter{}, store::PageRequest{kListShown, ""}));
  a.recent_access = std::move(access.items);
  out->audit = std::move(a);
  return {};
}

}  // namespace

Result<Dashboard> BuildDashboard(const DashboardDeps& d, const Principal& p) {
  Dashboard out;
  const int64_t now_ms = d.clock->NowMillis();
  out.today = calendar::FormatIsoDate(calendar::DayOfMillis(now_ms));
  for (const auto& g : p.user.grants) {
    const std::string name(domain::RoleName(g.role));
    if (std::find(out.roles.begin(), out.roles.end(), name) == out.roles.end()) out.roles.push_back(name);
  }
  SRM_TRY(AddSraCards(d, p, now_ms, out.today, &out));
  SRM_TRY(AddClearanceCards(d, p, now_ms, &out));
  SRM_TRY(AddAuditCard(d, p, &out));
  return out;
}

Result<store::Page<SraAuditEntry>> ListSraAudit(const DashboardDeps& d, const Principal& p, const SraAuditFilter& f,
                                                const store::PageRequest& page) {
  if (!IsAuditReader(p)) return Forbidden("only auditors and administrators read the audit log across SRAs");
  // The SRAs the reader may see (the listing's own scope rule, service/scope.h). A reader the rule
  // does not restrict (an administrator, an auditor) reads the entries of every SRA: no list of
  // ids is built or bound. Otherwise an auditor whose grant is limited to a country sees only that
  // country's SRAs' entries. The entries are read newest first through the audit log's index by
  // object type, one page at a time, and only the page's SRAs are read to name them.
  store::SraFilter scope;
  SRM_TRY(ScopeSraList(d.store, p, &scope));
  const bool unrestricted = !scope.restrict_areas && !scope.restrict_cross_org;
  store::AuditQuery query{.object_type = "sra", .object_ids = std::nullopt, .actor_name = f.actor,
                          .action = f.action, .from = f.from, .to = f.to};
  if (!unrestricted) {
    query.object_ids.emplace();
    for (store::PageRequest sp{500, ""};;) {
      SRM_ASSIGN(listed, d.sras->List(p, store::SraFilter{}, sp));
      for (const auto& r : listed.items)
        if (f.sra_id.empty() || r.id == f.sra_id) query.object_ids->push_back(r.id);
      if (listed.next.empty()) break;
      sp.after = listed.next;
    }
  } else if (!f.sra_id.empty()) {
    query.object_ids = std::vector<std::string>{f.sra_id};
  }
  SRM_ASSIGN(entries, d.store->ListAuditNewestFirst(query, page));
  std::vector<std::string> page_ids;
  for (const auto& e : entries.items) page_ids.push_back(e.event.object_id);
  SRM_ASSIGN(heads, d.store->SraHeads(page_ids, false));
  std::map<std::string, store::SraRow> rows;
  for (auto& r : heads) rows.emplace(r.id, std::move(r));
  store::Page<SraAuditEntry> out;
  out.total = entries.total;
  out.next = entries.next;
  for (auto& e : entries.items) {
    SraAuditEntry item;
    if (const auto it = rows.find(e.event.object_id); it != rows.end()) {
      item.sra_title = it->second.title;
      item.sra_version = it->second.version;
      item.area_id = it->second.area_id;
    }
    item.entry = std::move(e);
    out.items.push_back(std::move(item));
  }
  return out;
}

}  // namespace srm::service
