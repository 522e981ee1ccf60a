// Routes of the results chain (the catalog of security services) and the universal price list
// (issue 15, SRM-METHOD.md §8). Who may do what: service/money/catalog.h.
#include <nlohmann/json.hpp>

#include "api/list_export.h"
#include "api/routes.h"
#include "api/table_export.h"
#include "domain/catalog_json.h"
#include "service/money/catalog.h"

namespace srm::api {

namespace {

using domain::records::PriceList;
using domain::records::SecurityService;

Result<service::CatalogService*> Catalog(const ApiDeps* d) {
  if (!d->catalog) return Unavailable("the catalog service is not configured");
  return d->catalog;
}

// ?year=YYYY (optional): 0 when absent.
Result<int> YearParam(const Ctx& c) {
  const std::string y = c.Query("year");
  if (y.empty()) return 0;
  if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos)
    return Invalid("invalid_value", "year must be four digits", "year");
  return std::stoi(y);
}

Result<std::string> CodeParam(const Ctx& c) {
  const std::string code = c.Query("code");
  if (!code.empty() && !domain::IsServiceCode(code))
    return Invalid("invalid_value", "code is a service code, e.g. SVC-CLR-01", "code");
  return code;
}

Result<bool> FlagParam(const Ctx& c, const char* key) {
  const std::string v = c.Query(key);
  if (v.empty() || v == "false") return false;
  if (v == "true") return true;
  return Invalid("invalid_value", std::string(key) + " must be true or false", key);
}

}  // namespace

void AddCatalogRoutes(std::vector<Route>* t, const ApiDeps* d) {
  auto add = [t](std::string m, std::string path, Handler h) {
    t->push_back({std::move(m), std::move(path), Auth::kRequired, std::move(h)});
  };
  // ?format=csv|xlsx on the lists: the whole filtered list as a file (api/list_export.h).
  add("GET", "/api/v1/services", ExportableList(d, "services", [d](Ctx& c, const store::PageRequest& page) -> Result<json> {
        SRM_ASSIGN(svc, Catalog(d));
        SRM_ASSIGN(code, CodeParam(c));
        SRM_ASSIGN(all_versions, FlagParam(c, "all_versions"));
        SRM_ASSIGN(rows, svc->ListServices(c.principal, {.code = code, .current_only = !all_versions}, page));
        return PageJson(rows, [](const SecurityService& s) { return domain::ToJson(s); });
      }));
  add("POST", "/api/v1/services", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Catalog(d));
    SRM_ASSIGN(in, domain::ServiceBodyFrom(c.body));
    SRM_ASSIGN(s, svc->PutService(c.principal, in));
    return JsonReply(domain::ToJson(s), 201);
  });
  add("GET", "/api/v1/price-lists",
      ExportableList(d, "price_lists", [d](Ctx& c, const store::PageRequest& page) -> Result<json> {
        SRM_ASSIGN(svc, Catalog(d));
        SRM_ASSIGN(year, YearParam(c));
        const std::string status = c.Query("status");
        if (!status.empty() && status != "draft" && status != "published")
          return Invalid("invalid_value", "status must be draft or published", "status");
        SRM_ASSIGN(rows, svc->ListPriceLists(c.principal, {.year = year, .status = status}, page));
        return PageJson(rows, [](const PriceList& l) { return domain::ToJson(l, false); });
      }));
  add("POST", "/api/v1/price-lists", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Catalog(d));
    SRM_ASSIGN(in, domain::PriceListCreateBodyFrom(c.body));
    SRM_ASSIGN(l, svc->CreatePriceList(c.principal, in));
    return JsonReply(domain::ToJson(l), 201);
  });
  // ?format=csv|xlsx: the list's prices, one row per service (read as the JSON answer is).
  add("GET", "/api/v1/price-lists/{id}",
      WithTableExport(
          d, "price_list_prices",
          [d](Ctx& c) -> Result<Reply> {
            SRM_ASSIGN(svc, Catalog(d));
            SRM_ASSIGN(l, svc->GetPriceList(c.principal, c.Param(1)));
            return JsonReply(domain::ToJson(l));
          },
          [d](Ctx& c) -> Result<json> {
            SRM_ASSIGN(svc, Catalog(d));
            SRM_ASSIGN(l, svc->GetPriceList(c.principal, c.Param(1)));
            json rows = json::array();
            for (const auto& i : l.items)
              rows.push_back({{"price_list_id", l.id},
                              {"year", l.year},
                              {"version", l.version},
                              {"status", l.status},
                              {"service_code", i.service_code},
                              {"unit_price_minor", i.unit_price_minor},
                              {"currency", l.currency}});
            return rows;
          }));
  add("PUT", "/api/v1/price-lists/{id}", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Catalog(d));
    SRM_ASSIGN(in, domain::PriceListEditBodyFrom(c.body));
    SRM_ASSIGN(l, svc->EditPriceList(c.principal, c.Param(1), in));
    return JsonReply(domain::ToJson(l));
  });
  add("POST", "/api/v1/price-lists/{id}/publish", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Catalog(d));
    SRM_ASSIGN(revision, domain::PublishBodyFrom(c.body));
    SRM_ASSIGN(l, svc->Publish(c.principal, c.Param(1), revision));
    return JsonReply(domain::ToJson(l));
  });
  add("GET", "/api/v1/price-lists/{id}/diff", [d](Ctx& c) -> Result<Reply> {
    SRM_ASSIGN(svc, Catalog(d));
    const std::string against = c.Query("against");
    if (against.size() > 64) return Invalid("invalid_value", "against is too long", "against");
    SRM_ASSIGN(diff, svc->Diff(c.principal, c.Param(1), against));
    json j = domain::ToJson(diff);
    j["id"] = c.Param(1);
    j["against"] = against;
    return JsonReply(j);
  });
}

}  // namespace srm::api
