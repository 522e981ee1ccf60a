// Issue 18: GET /api/v1/dashboard (what the reader must do today, by role, in one answer) and
// GET /api/v1/audit/sras (the auditor's page across SRAs). service/dashboard.h has the rules.
#include "api/list_export.h"
#include "api/routes.h"
#include "core/calendar.h"
#include "service/dashboard.h"

namespace srm::api {
namespace {

service::DashboardDeps DepsOf(const ApiDeps* d) {
  return {.store = d->store, .sras = d->sras, .decisions = d->decisions, .audit = d->audit, .clock = d->clock};
}

json SraItem(const service::DashboardSra& s) {
  json j = SraSummary(s.row);
  j["since"] = s.since;
  j["days"] = s.days;
  j["by"] = s.by;
  j["comment"] = s.comment;
  j["mine"] = s.mine;
  return j;
}

json Items(const std::vector<service::DashboardSra>& list) {
  json out = json::array();
  for (const auto& s : list) out.push_back(SraItem(s));
  return out;
}

json CheckpointSummary(const store::AuditCheckpoint& c) {
  return {{"server_id", c.server_id}, {"seq", c.seq}, {"at", c.at}};
}

json DashboardJson(const service::Dashboard& b) {
  json legs = json::array();
  for (const auto& l : b.legs)
    legs.push_back({{"leg_id", l.leg.id}, {"request_id", l.leg.request_id}, {"traveller", l.leg.traveller.name},
                    {"area_id", l.leg.area_id}, {"area_name", l.leg.area_name}, {"from", l.leg.from},
                    {"to", l.leg.to}, {"status", l.leg.status}, {"since", l.since}, {"days", l.days}});
  json requests = json::array();
  for (const auto& r : b.my_requests)
    requests.push_back({{"id", r.id}, {"traveller", r.traveller.name}, {"activity", r.activity}, {"status", r.status},
                        {"from", r.from}, {"to", r.to}, {"updated_at", r.updated_at}});
  json out{{"today", b.today},
           {"roles", b.roles},
           {"waiting", Items(b.waiting)},
           {"waiting_total", b.waiting_total},
           {"returned", Items(b.returned)},
           {"drafts", Items(b.drafts)},
           {"review_due", Items(b.review_due)},
           {"review_due_window_days", service::kReviewDueWindowDays},
           {"legs", legs},
           {"legs_total", b.legs_total},
           {"my_requests", requests},
           {"audit", nullptr}};
  if (b.audit) {
    const auto& a = *b.audit;
    json access = json::array();
    for (const auto& e : a.recent_access)
      access.push_back({{"at", e.at}, {"user_name", e.user_name}, {"sra_id", e.sra_id}, {"version", e.version},
                        {"kind", e.kind}, {"format", e.format}});
    out["audit"] = {{"ok", a.ok},
                    {"entries", a.entries},
                    {"first_bad", a.first_bad ? json(*a.first_bad) : json(nullptr)},
                    {"reason", a.reason},
                    {"checkpoints", a.checkpoints},
                    {"last_anchor", a.newest ? CheckpointSummary(*a.newest) : json(nullptr)},
                    {"recent_access", access}};
  }
  return out;
}

// "YYYY-MM-DD" or an RFC 3339 UTC time; a bare date as `to` means the whole of that day.
Result<std::string> TimeBound(const Ctx& c, const char* name, bool end_of_day) {
  std::string v = c.Query(name);
  if (v.empty()) return v;
  if (v.size() > 30 || !calendar::ParseTimestamp(v))
    return Invalid("invalid_value", std::string(name) + " must be a date (YYYY-MM-DD) or a UTC time", name);
  if (v.size() == 10 && end_of_day) v += "T23:59:59.999Z";
  return v;
}

Result<std::string> Short(const Ctx& c, const char* name) {
  std::string v = c.Query(name);
  if (v.size() > 100) return Invalid("invalid_value", std::string(name) + " is too long", name);
  return v;
}

}  // namespace

void AddDashboardRoutes(std::vector<Route>* t, const ApiDeps* d) {
  t->push_back({"GET", "/api/v1/dashboard", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
                  SRM_ASSIGN(board, service::BuildDashboard(DepsOf(d), c.principal));
                  return JsonReply(DashboardJson(board));
                },
                {}});
  // ?format=csv|xlsx: the whole filtered list as a file (api/list_export.h).
  t->push_back({"GET", "/api/v1/audit/sras", Auth::kRequired,
                ExportableList(d, "sra_audit", [d](Ctx& c, const store::PageRequest& page) -> Result<json> {
                  service::SraAuditFilter f;
                  SRM_ASSIGN(sra_id, Short(c, "sra_id"));
                  SRM_ASSIGN(actor, Short(c, "actor"));
                  SRM_ASSIGN(action, Short(c, "action"));
                  SRM_ASSIGN(from, TimeBound(c, "from", false));
                  SRM_ASSIGN(to, TimeBound(c, "to", true));
                  f.sra_id = std::move(sra_id);
                  f.actor = std::move(actor);
                  f.action = std::move(action);
                  f.from = std::move(from);
                  f.to = std::move(to);
                  SRM_ASSIGN(rows, service::ListSraAudit(DepsOf(d), c.principal, f, page));
                  return PageJson(rows, [](const service::SraAuditEntry& e) {
                    return json{{"seq", e.entry.seq},
                                {"at", e.entry.at},
                                {"actor", e.entry.event.actor_name},
                                {"role", e.entry.event.role},
                                {"action", e.entry.event.action},
                                {"sra_id", e.entry.event.object_id},
                                {"sra_title", e.sra_title},
                                {"sra_version", e.sra_version},
                                {"area_id", e.area_id},
                                {"request_id", e.entry.event.request_id},
                                {"hash", e.entry.hash}};
                  });
                }),
                {}});
}

}  // namespace srm::api
