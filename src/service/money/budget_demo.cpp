// The demo's Carana cost-shared security budget for next year (issue 15): drafted by the DSS
// security professional (sp), one line per costed measure of the published area SRAs of Carana,
// each priced from next year's published price list. Seeded through the budget service, so its
// audit trail and its refusals are the real ones.
#include "service/money/budget_demo.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "domain/sra_json.h"
#include "security/crypto.h"
#include "service/money/budgets.h"

namespace srm::service {

namespace {

// The service of the results chain a measure of a MOSS/RSM category is bought as, when next
// year's list prices it (catalog15's demo codes); otherwise the list's own items, in turn.
const std::map<std::string, std::vector<std::string>>& PreferredCodes() {
  static const std::map<std::string, std::vector<std::string>> codes{
      {"telecommunications", {"SVC-TEL-01", "SVC-COM-01", "SVC-RADIO"}},
      {"premises", {"SVC-GRD-01", "SVC-PRM-01", "SVC-GUARD"}},
      {"training", {"SVC-TRN-01", "SVC-TRAIN"}},
      {"vehicles", {"SVC-VEH-01", "SVC-FLT-01"}},
      {"coordination", {"SVC-CRD-01", "SVC-SIM-01", "SVC-SRA-01"}},
      {"medical", {"SVC-MED-01"}},
  };
  return codes;
}

}  // namespace

Status SeedCaranaBudget(store::Store* store, const Principal& sp) {
  MethodRegistry methods(store);
  SystemClock clock;
  security::RandomIdGen ids;
  BudgetService budgets(store, &methods, &clock, &ids);
  const std::string today = FormatTimestamp(clock.NowMillis()).substr(0, 10);
  const int next_year = std::stoi(today.substr(0, 4)) + 1;
  SRM_ASSIGN(lists, store->ListPriceLists({.year = next_year, .status = "published"}, {50, ""}));
  if (lists.items.empty()) return {};  // a demo world without next year's price list has no budget to price
  const auto newest = std::max_element(lists.items.begin(), lists.items.end(),
                                       [](const auto& a, const auto& b) { return a.version < b.version; });
  const domain::records::PriceList& list = *newest;
  if (list.items.empty()) return {};
  SRM_ASSIGN(budget, budgets.Create(sp, BudgetInput{"cty_carana", next_year, list.currency}));

  store::SraFilter f;
  f.country_id = "cty_carana";
  f.statuses = {"published"};
  SRM_ASSIGN(sras, store->ListSras(f, {50, ""}));
  size_t turn = 0;
  for (const auto& summary : sras.items) {
    if (summary.kind != "area") continue;
    SRM_ASSIGN(row, store->GetSra(summary.id));
    if (!row) continue;
    nlohmann::json doc = nlohmann::json::parse(row->doc, nullptr, false);
    if (doc.is_discarded()) continue;
    SRM_ASSIGN(sra, domain::SraFromJson(doc));
    for (const auto& sc : sra.scenarios)
      for (const auto& me : sc.measures) {
        if (me.cost_minor <= 0) continue;  // nothing to fund
        std::string code;
        if (auto it = PreferredCodes().find(me.moss_category); it != PreferredCodes().end())
          for (const auto& c : it->second)
            if (code.empty() && std::any_of(list.items.begin(), list.items.end(),
                                            [&](const auto& item) { return item.service_code == c; }))
              code = c;
        if (code.empty()) code = list.items[turn++ % list.items.size()].service_code;
        int64_t unit = 1;
        for (const auto& item : list.items)
          if (item.service_code == code && item.unit_price_minor > 0) unit = item.unit_price_minor;
        // As many units as the measure's estimated cost buys, 1 to 24.
        const int64_t quantity = std::clamp<int64_t>(me.cost_minor / unit, 1, 24);
        BudgetLineInput line{sra.id, me.id, code, quantity, "jointly_financed", me.description, std::nullopt};
        SRM_TRY(budgets.AddLine(sp, budget.id, line));
      }
  }
  return {};
}

}  // namespace srm::service
