// Routes of the emergency security fund (issue 16): contributions, requests and their decisions,
// disbursements and returns, the ledger, the balance and the transparency report. Who may do and
// see what: service/money/fund.h.
#include <nlohmann/json.hpp>

#include "api/list_export.h"
#include "api/list_query.h"
#include "api/routes.h"
#include "core/calendar.h"
#include "core/strict_json.h"
#include "domain/records/fund_records_json.h"
#include "service/money/fund.h"

namespace srm::api {

namespace {

using domain::records::FundLedgerEntry;
using domain::records::FundRequest;

Result<service::FundService*> Fund(const ApiDeps* d) {
  if (!d->fund) return Unavailable("the fund service is not configured");
  return d->fund;
}

Result<int64_t> RequiredInt(const json& body, const char* key) {
  SRM_ASSIGN(v, strict_json::OptionalInt(body, key, std::string(key) + " must be an integer"));
  if (!v) return Invalid("required", std::string(key) + " is required", key);
  return *v;
}

Result<service::FundContributionInput> ContributionFrom(const json& body) {
  SRM_TRY(strict_json::Object(body));
  SRM_TRY(strict_json::OnlyFields(body, {"donor", "amount_minor", "currency", "earmark", "conditions"}));
  service::FundContributionInput in;
  SRM_ASSIGN(donor, strict_json::Text(body, "donor", true, 64));
  SRM_ASSIGN(amount, RequiredInt(body, "amount_minor"));
  SRM_ASSIGN(currency, strict_json::Text(body, "currency", true, 3));
  SRM_ASSIGN(earmark, strict_json::Text(body, "earmark", false, 200));
  SRM_ASSIGN(conditions, strict_json::Text(body, "conditions", false, 2000));
  in.donor = std::move(donor);
  in.amount_minor = amount;
  in.currency = std::move(currency);
  in.earmark = std::move(earmark);
  in.conditions = std::move(conditions);
  return in;
}

Result<service::FundRequestInput> RequestFrom(const json& body) {
  SRM_TRY(strict_json::Object(body));
  SRM_TRY(
      strict_json::OnlyFields(body, {"area_id", "purpose", "amount_minor", "currency", "days", "egs_id", "incident_id"}));
  service::FundRequestInput in;
  SRM_ASSIGN(area, strict_json::Text(body, "area_id", true, 64));
  SRM_ASSIGN(purpose, strict_json::Text(body, "purpose", true, 2000));
  SRM_ASSIGN(amount, RequiredInt(body, "amount_minor"));
  SRM_ASSIGN(currency, strict_json::Text(body, "currency", true, 3));
  SRM_ASSIGN(days, RequiredInt(body, "days"));
  SRM_ASSIGN(egs, strict_json::Text(body, "egs_id", false, 64));
  SRM_ASSIGN(incident, strict_json::OptionalInt(body, "incident_id", "incident_id must be an integer"));
  in.incident_id = incident;
  in.area_id = std::move(area);
  in.purpose = std::move(purpose);
  in.amount_minor = amount;
  in.currency = std::move(currency);
  in.days = days;
  in.egs_id = std::move(egs);
  return in;
}

json ReportJson(const service::FundReport& r) {
  json donors = json::array();
  for (const auto& d : r.donors) {
    json items = json::array();
    for (const auto& c : d.contributions) items.push_back(domain::records::ToJson(c, d.conditions_visible));
    donors.push_back({{"donor", d.donor_org_id},
                      {"donor_name", d.donor_name},
                      {"total_minor", d.total_minor},
                      {"conditions_visible", d.conditions_visible},
                      {"contributions", std::move(items)}});
  }
  auto timing = [](const FundRequest& q) {
    json j{{"request_id", q.id},   {"area_id", q.area_id},     {"amount_minor", q.amount_minor},
           {"currency", q.currency}, {"purpose", q.purpose},  {"routed_to", q.routed_to},
           {"status", q.status},   {"submitted_at", q.submitted_at}};
    if (q.decided_at) {
      j["decision"] = q.status == "refused" ? "refuse" : "approve";
      j["reason"] = q.decision_reason;
      j["decided_by"] = q.decided_by.username;
      j["decided_at"] = *q.decided_at;
      j["answer_hours"] = static_cast<double>(calendar::ParseTimestamp(*q.decided_at).value_or(0) -
                                              calendar::ParseTimestamp(q.submitted_at).value_or(0)) /
                          3'600'000.0;
    }
    return j;
  };
  json decisions = json::array(), waiting = json::array(), authorities = json::array();
  for (const auto& q : r.decisions) decisions.push_back(timing(q));
  for (const auto& q : r.waiting) waiting.push_back(timing(q));
  for (const auto& a : r.authorities) authorities.push_back(domain::records::ToJson(a));
  return {{"balance", domain::records::ToJson(r.balance)},
          {"donors", std::move(donors)},
          {"decisions", std::move(decisions)},
          {"waiting", std::move(waiting)},
          {"authorities", std::move(authorities)},
          {"generated_at", r.generated_at}};
}

}  // namespace

void AddFundRoutes(std::vector<Route>* t, const ApiDeps* d) {
  auto add = [t](std::string m, std::string path, Handler h) {
    t->push_back({std::move(m), std::move(path), Auth::kRequired, std::move(h)});
  };
  add("POST", "/api/v1/fund/contributions", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Fund(d));
    SRM_ASSIGN(in, ContributionFrom(c.body));
    SRM_ASSIGN(out, svc->Contribute(c.principal, in));
    return JsonReply(domain::records::ToJson(out), 201);
  });
  add("GET", "/api/v1/fund/contributions", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Fund(d));
    SRM_ASSIGN(page, PageFrom(c));
    SRM_ASSIGN(rows, svc->ListContributions(c.principal, page));
    return JsonReply(PageJson(rows, [](const auto& x) { return domain::records::ToJson(x); }));
  });
  add("POST", "/api/v1/fund/requests", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Fund(d));
    SRM_ASSIGN(in, RequestFrom(c.body));
    SRM_ASSIGN(out, svc->Submit(c.principal, in));
    return JsonReply(domain::records::ToJson(out), 201);
  });
  // ?format=csv|xlsx: the whole filtered list as a file (api/list_export.h).
  add("GET", "/api/v1/fund/requests",
      ExportableList(d, "fund_requests", [d](Ctx& c, const store::PageRequest& page) -> Result<json> {
        SRM_ASSIGN(svc, Fund(d));
        // Search (purpose, requester, decision reason), organization, submission dates, sort.
        SRM_ASSIGN(narrow, ListQueryFrom(c, {{"status", "area_id", "organization_id"}, {"updated", "submitted", "amount"},
                                             "submitted_from", "submitted_to"}));
        service::FundRequestQuery q{c.Query("status"), c.Query("area_id"), c.Query("organization_id"), std::move(narrow)};
        if (q.status.size() > 32 || q.area_id.size() > 64) return Invalid("invalid_value", "filter is too long");
        SRM_TRY(CheckFilterValue(q.organization_id, "organization_id"));
        // submitted_at is a timestamp: "submitted on or before the day" is "before the next day".
        if (!q.narrow.date_to.empty())
          q.narrow.date_to = calendar::FormatIsoDate(calendar::AddDays(*calendar::ParseIsoDate(q.narrow.date_to), 1));
        SRM_ASSIGN(rows, svc->ListRequests(c.principal, q, page));
        return PageJson(rows, [](const FundRequest& r) { return domain::records::ToJson(r); });
      }));
  add("GET", "/api/v1/fund/requests/{id}", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Fund(d));
    SRM_ASSIGN(r, svc->GetRequest(c.principal, c.Param(1)));
    return JsonReply(domain::records::ToJson(r));
  });
  add("POST", "/api/v1/fund/requests/{id}/decision", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Fund(d));
    SRM_TRY(strict_json::Object(c.body));
    SRM_TRY(strict_json::OnlyFields(c.body, {"decision", "reason"}));
    SRM_ASSIGN(decision, strict_json::Text(c.body, "decision", true, 16));
    SRM_ASSIGN(reason, strict_json::Text(c.body, "reason", false, 2000));
    SRM_ASSIGN(r, svc->Decide(c.principal, c.Param(1), decision, reason));
    return JsonReply(domain::records::ToJson(r));
  });
  add("POST", "/api/v1/fund/requests/{id}/disbursements", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Fund(d));
    SRM_TRY(strict_json::Object(c.body));
    SRM_TRY(strict_json::OnlyFields(c.body, {"amount_minor", "note"}));
    SRM_ASSIGN(amount, strict_json::OptionalInt(c.body, "amount_minor", "amount_minor must be an integer"));
    SRM_ASSIGN(note, strict_json::Text(c.body, "note", false, 2000));
    SRM_ASSIGN(r, svc->Disburse(c.principal, c.Param(1), amount, note));
    return JsonReply(domain::records::ToJson(r), 201);
  });
  add("POST", "/api/v1/fund/requests/{id}/returns", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Fund(d));
    SRM_TRY(strict_json::Object(c.body));
    SRM_TRY(strict_json::OnlyFields(c.body, {"amount_minor", "note"}));
    SRM_ASSIGN(amount, RequiredInt(c.body, "amount_minor"));
    SRM_ASSIGN(note, strict_json::Text(c.body, "note", false, 2000));
    SRM_ASSIGN(r, svc->Return(c.principal, c.Param(1), amount, note));
    return JsonReply(domain::records::ToJson(r), 201);
  });
  add("GET", "/api/v1/fund/ledger",
      ExportableList(d, "fund_ledger", [d](Ctx& c, const store::PageRequest& page) -> Result<json> {
        SRM_ASSIGN(svc, Fund(d));
        const std::string request = c.Query("request_id");
        if (request.size() > 64) return Invalid("invalid_value", "request_id is too long", "request_id");
        SRM_ASSIGN(rows, svc->Ledger(c.principal, request, page));
        return PageJson(rows.page, [&](const FundLedgerEntry& e) {
          json j = domain::records::ToJson(e);
          auto by = rows.reversed_by.find(e.movement_id);
          j["reversed_by"] = by == rows.reversed_by.end() ? json(nullptr) : json(by->second);
          return j;
        });
      }));
  // Reverses a wrongly recorded movement with a new one that references it (the fund manager).
  add("POST", "/api/v1/fund/ledger/{movement_id}/correction", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Fund(d));
    SRM_TRY(strict_json::Object(c.body));
    SRM_TRY(strict_json::OnlyFields(c.body, {"reason"}));
    SRM_ASSIGN(reason, strict_json::Text(c.body, "reason", false, 2000));
    SRM_ASSIGN(out, svc->Correct(c.principal, c.Param(1), reason));
    return JsonReply({{"movement_id", out.entries.empty() ? json(nullptr) : json(out.entries.front().movement_id)},
                      {"reverses", out.entries.empty() ? json(nullptr) : json(out.entries.front().reverses)},
                      {"entries", domain::records::ToJson(out.entries)},
                      {"balance", domain::records::ToJson(out.balance)}},
                     201);
  });
  add("GET", "/api/v1/fund/balance", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Fund(d));
    SRM_ASSIGN(a, svc->Balance(c.principal));
    return JsonReply(domain::records::ToJson(a));
  });
  add("GET", "/api/v1/fund/authorities", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Fund(d));
    SRM_ASSIGN(list, svc->Authorities(c.principal));
    json items = json::array();
    for (const auto& a : list) items.push_back(domain::records::ToJson(a));
    return JsonReply({{"items", std::move(items)}});
  });
  add("GET", "/api/v1/fund/report", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Fund(d));
    SRM_ASSIGN(r, svc->Report(c.principal));
    return JsonReply(ReportJson(r));
  });
}

}  // namespace srm::api
