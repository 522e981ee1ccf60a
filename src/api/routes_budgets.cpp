// Routes of the local cost-shared security budget (issue 15, SRM-METHOD.md §7): drafting, lines
// traced to the SRA in force and priced from the published price list, endorsement, approval and
// the apportionment among the organizations present. Who sees what: service/money/budgets.h.
#include <nlohmann/json.hpp>

#include "api/list_export.h"
#include "api/list_query.h"
#include "api/routes.h"
#include "api/table_export.h"
#include "core/strict_json.h"
#include "domain/records/budget_records_json.h"
#include "service/money/budgets.h"

namespace srm::api {

namespace {

using domain::records::Budget;

Result<service::BudgetService*> Budgets(const ApiDeps* d) {
  if (!d->budgets) return Unavailable("the budget service is not configured");
  return d->budgets;
}

Result<service::BudgetInput> BudgetInputFrom(const json& body) {
  SRM_TRY(strict_json::Object(body));
  SRM_TRY(strict_json::OnlyFields(body, {"country_id", "year", "currency"}));
  service::BudgetInput in;
  SRM_ASSIGN(country, strict_json::Text(body, "country_id", true, 64));
  SRM_ASSIGN(year, strict_json::OptionalInt(body, "year", "year must be an integer"));
  if (!year) return Invalid("required", "year is required", "year");
  if (*year < 2000 || *year > 2100) return Invalid("out_of_range", "year must be 2000-2100", "year");
  SRM_ASSIGN(currency, strict_json::Text(body, "currency", true, 3));
  in.country_id = std::move(country);
  in.year = static_cast<int>(*year);
  in.currency = std::move(currency);
  return in;
}

// The trace is read on its own, leniently: whatever else is wrong with the line, a line without
// a trace is refused as such (the service checks the trace before `rest_error`).
Result<service::BudgetLineInput> LineInputFrom(const json& body) {
  SRM_TRY(strict_json::Object(body));
  service::BudgetLineInput in;
  auto lenient = [&](const char* key) {
    auto it = body.find(key);
    return it != body.end() && it->is_string() && it->get_ref<const std::string&>().size() <= 64
               ? it->get<std::string>()
               : std::string();
  };
  in.sra_id = lenient("sra_id");
  in.measure_id = lenient("measure_id");
  auto rest = [&]() -> Status {
    SRM_TRY(strict_json::OnlyFields(
        body, {"sra_id", "measure_id", "service_code", "quantity", "funding_source", "description"}));
    SRM_ASSIGN(sra, strict_json::Text(body, "sra_id", true, 64));
    SRM_ASSIGN(measure, strict_json::Text(body, "measure_id", true, 64));
    SRM_ASSIGN(service_code, strict_json::Text(body, "service_code", true, 64));
    SRM_ASSIGN(quantity, strict_json::OptionalInt(body, "quantity", "quantity must be an integer"));
    if (!quantity) return Invalid("required", "quantity is required", "quantity");
    SRM_ASSIGN(source, strict_json::Text(body, "funding_source", true, 32));
    SRM_ASSIGN(description, strict_json::Text(body, "description", false, 2000));
    in.service_code = std::move(service_code);
    in.quantity = *quantity;
    in.funding_source = std::move(source);
    in.description = std::move(description);
    (void)sra;
    (void)measure;
    return {};
  }();
  if (!rest) in.rest_error = rest.error();
  return in;
}

struct TransitionBody {
  std::string action, comment;
};
Result<TransitionBody> TransitionFrom(const json& body) {
  SRM_TRY(strict_json::Object(body));
  SRM_TRY(strict_json::OnlyFields(body, {"action", "comment"}));
  SRM_ASSIGN(action, strict_json::Text(body, "action", true, 32));
  SRM_ASSIGN(comment, strict_json::Text(body, "comment", false, 2000));
  return TransitionBody{std::move(action), std::move(comment)};
}

json TotalsJson(const std::vector<service::BudgetTotal>& totals, const char* key) {
  json a = json::array();
  for (const auto& t : totals) a.push_back({{key, t.key}, {"amount_minor", t.amount_minor}});
  return a;
}

json ReadJson(const service::BudgetRead& r) {
  json j = r.full ? domain::records::ToJson(r.budget) : domain::records::SummaryJson(r.budget);
  j["view"] = r.full ? "full" : "organization";
  j["line_count"] = r.line_count;
  j["totals_by_service"] = TotalsJson(r.by_service, "service_code");
  j["totals_by_funding_source"] = TotalsJson(r.by_funding_source, "funding_source");
  if (!r.full) {
    j["organization_id"] = r.own_organization_id;
    json heads = json::array(), shares = json::array();
    for (const auto& h : r.budget.headcounts)
      heads.push_back({{"organization_id", h.organization_id}, {"headcount", h.headcount}});
    for (const auto& s : r.budget.shares)
      shares.push_back({{"organization_id", s.organization_id}, {"amount_minor", s.amount_minor}, {"basis", s.basis}});
    j["headcounts"] = std::move(heads);
    j["approved_shares"] = std::move(shares);
  }
  return j;
}

json ApportionmentJson(const service::BudgetApportionment& a) {
  const Budget& b = a.budget;
  json shares = json::array(), units = json::array(), excluded = json::array();
  for (const auto& s : a.result.shares) {
    json last = nullptr;
    for (const auto& [org, f] : a.last_year)
      if (org == s.organization_id && f) last = domain::FractionText(*f);
    shares.push_back({{"organization_id", s.organization_id},
                      {"headcount", s.headcount},
                      {"amount_minor", s.amount_minor},
                      {"basis", s.basis},
                      {"fraction", domain::FractionText(s.fraction)},
                      {"exact_minor", domain::FractionText(s.exact_minor)},
                      {"floor_minor", s.floor_minor},
                      {"remainder", domain::FractionText(s.remainder)},
                      {"leftover_unit", s.leftover_unit},
                      {"last_year_fraction", last}});
  }
  for (const auto& u : a.result.units)
    units.push_back({{"ordinal", u.ordinal},
                     {"organization_id", u.organization_id},
                     {"remainder", domain::FractionText(u.remainder)},
                     {"tie_to_lower_id", u.tie_to_lower_id}});
  for (const auto& e : a.result.excluded)
    excluded.push_back({{"organization_id", e.organization_id}, {"reason", e.reason}});
  return {{"budget_id", b.id},
          {"country_id", b.country_id},
          {"year", b.year},
          {"status", b.status},
          {"currency", b.currency},
          {"reference_date", b.reference_date},
          {"total_minor", a.result.total_minor},
          {"frozen", a.frozen},
          {"view", a.full ? "full" : "organization"},
          {"rules",
           {{"minimum_share", std::to_string(b.minimum_num) + "/" + std::to_string(b.minimum_den)},
            {"max_decrease", std::to_string(b.decrease_num) + "/" + std::to_string(b.decrease_den)}}},
          {"rounds", a.result.rounds},
          {"shares", std::move(shares)},
          {"units", std::move(units)},
          {"excluded", std::move(excluded)}};
}

Result<int> YearQuery(const Ctx& c) {
  const std::string y = c.Query("year");
  if (y.empty()) return 0;
  if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos)
    return Invalid("invalid_value", "year must be a four-digit year", "year");
  return std::stoi(y);
}

}  // namespace

void AddBudgetRoutes(std::vector<Route>* t, const ApiDeps* d) {
  auto add = [t](std::string m, std::string path, Handler h) {
    t->push_back({std::move(m), std::move(path), Auth::kRequired, std::move(h)});
  };
  // ?format=csv|xlsx: the whole filtered list as a file (api/list_export.h); a list row holds the
  // totals only, which every reader of the list may see.
  add("GET", "/api/v1/budgets", ExportableList(d, "budgets", [d](Ctx& c, const store::PageRequest& page) -> Result<json> {
        SRM_ASSIGN(svc, Budgets(d));
        // Search (country, currency, who drafted/endorsed/approved), status, the headcount
        // reference dates and sort.
        SRM_ASSIGN(narrow, ListQueryFrom(c, {{"country_id", "year", "status"}, {"updated", "country", "year", "total"},
                                             "reference_from", "reference_to"}));
        const std::string country = c.Query("country_id");
        if (country.size() > 64) return Invalid("invalid_value", "country_id is too long", "country_id");
        SRM_ASSIGN(year, YearQuery(c));
        const std::string status = c.Query("status");
        if (!status.empty() && status != "draft" && status != "endorsed" && status != "approved")
          return Invalid("invalid_value", "status must be draft, endorsed or approved", "status");
        SRM_ASSIGN(rows, svc->List(c.principal, country, year, page, status, narrow));
        return PageJson(rows, [](const Budget& b) { return domain::records::SummaryJson(b); });
      }));
  add("POST", "/api/v1/budgets", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Budgets(d));
    SRM_ASSIGN(in, BudgetInputFrom(c.body));
    SRM_ASSIGN(b, svc->Create(c.principal, in));
    SRM_ASSIGN(read, svc->Get(c.principal, b.id));
    return JsonReply(ReadJson(read), 201);
  });
  // ?format=csv|xlsx: the budget's lines. A finance officer reads the totals and its own share,
  // never the lines (service/money/budgets.h): the file is refused as the lines are.
  add("GET", "/api/v1/budgets/{id}",
      WithTableExport(
          d, "budget_lines",
          [d](Ctx& c) -> Result<Reply> {
            SRM_ASSIGN(svc, Budgets(d));
            SRM_ASSIGN(read, svc->Get(c.principal, c.Param(1)));
            return JsonReply(ReadJson(read));
          },
          [d](Ctx& c) -> Result<json> {
            SRM_ASSIGN(svc, Budgets(d));
            SRM_ASSIGN(read, svc->Get(c.principal, c.Param(1)));
            if (!read.full)
              return Fail(ErrorKind::kForbidden, "budget_lines_restricted",
                          "the budget's lines are the drafting bodies' working; you read its totals and your "
                          "organization's share (the apportionment)");
            json rows = json::array();
            for (const auto& l : read.budget.lines) {
              json row = domain::records::ToJson(l);
              row["currency"] = read.budget.currency;
              rows.push_back(std::move(row));
            }
            return rows;
          }));
  add("POST", "/api/v1/budgets/{id}/lines", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Budgets(d));
    SRM_ASSIGN(in, LineInputFrom(c.body));
    SRM_ASSIGN(b, svc->AddLine(c.principal, c.Param(1), in));
    SRM_ASSIGN(read, svc->Get(c.principal, b.id));
    return JsonReply(ReadJson(read), 201);
  });
  add("POST", "/api/v1/budgets/{id}/transitions", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Budgets(d));
    SRM_ASSIGN(in, TransitionFrom(c.body));
    SRM_ASSIGN(b, svc->Transition(c.principal, c.Param(1), in.action, in.comment));
    SRM_ASSIGN(read, svc->Get(c.principal, b.id));
    return JsonReply(ReadJson(read));
  });
  // The headcount basis re-read from the personnel registered today (a draft; its drafter).
  add("POST", "/api/v1/budgets/{id}/headcount", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Budgets(d));
    if (!c.body.is_null()) {
      SRM_TRY(strict_json::Object(c.body));
      SRM_TRY(strict_json::OnlyFields(c.body, {}));
    }
    SRM_ASSIGN(b, svc->RefreshHeadcount(c.principal, c.Param(1)));
    SRM_ASSIGN(read, svc->Get(c.principal, b.id));
    return JsonReply(ReadJson(read));
  });
  // ?format=csv|xlsx: one row per share, as the reader sees them (a finance officer: its own).
  add("GET", "/api/v1/budgets/{id}/apportionment",
      WithTableExport(
          d, "budget_apportionment",
          [d](Ctx& c) -> Result<Reply> {
            SRM_ASSIGN(svc, Budgets(d));
            SRM_ASSIGN(a, svc->Apportionment(c.principal, c.Param(1)));
            return JsonReply(ApportionmentJson(a));
          },
          [d](Ctx& c) -> Result<json> {
            SRM_ASSIGN(svc, Budgets(d));
            SRM_ASSIGN(a, svc->Apportionment(c.principal, c.Param(1)));
            const json j = ApportionmentJson(a);
            json rows = json::array();
            for (json share : j["shares"]) {
              share["budget_id"] = j["budget_id"];
              share["currency"] = j["currency"];
              share["total_minor"] = j["total_minor"];
              rows.push_back(std::move(share));
            }
            return rows;
          }));
}

}  // namespace srm::api
