// What naming the references of a JSON answer costs on the reply path (issue 18;
// api/reference_names.h), besides the store reads both ways share: before, every signed-in JSON
// answer holding a marker ("username", "country_id", ...) was dumped, parsed again and dumped
// again; now the json is walked (HasReferences) and dumped once. A page of clearance-like items,
// already named (the common case once the route names on the json) and not yet named.
// Run: ./build/bench/names_bench [ITEMS] [ROUNDS]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "api/reference_names.h"
#include "core/safe_json.h"
#include "timing.h"

using nlohmann::json;

namespace {

json Page(int items, bool named) {
  json list = json::array();
  for (int i = 0; i < items; ++i) {
    const std::string n = std::to_string(i);
    json user{{"id", "usr_" + n}, {"username", "user" + n}};
    json leg{{"id", "leg_" + n}, {"area_id", "area_1"}, {"sra_id", "sra_" + n}, {"from", "2026-12-01"}, {"to", "2026-12-03"},
             {"status", "cleared"}, {"reasons", json::array({{{"code", "sra_current"}, {"message", "The SRA is current."}}})}};
    json item{{"id", "clr_" + n}, {"status", "cleared"}, {"activity", "Food distribution in the north, round " + n},
              {"organization_id", "org_wfp"}, {"country_id", "cty_carana"}, {"pc", 3},
              {"traveller", {{"name", "Traveller " + n}, {"user_id", nullptr}}},
              {"legs", json::array({leg, leg})}, {"created_at", "2026-11-30T10:00:00.000Z"},
              {"updated_at", "2026-11-30T10:00:00.000Z"}};
    if (named) {
      user["display_name"] = "Person " + n;
      item["country_name"] = "Carana";
      for (auto& l : item["legs"]) l["sra_title"] = "Kalari area SRA";
    }
    item["requested_by"] = user;
    list.push_back(std::move(item));
  }
  return {{"items", list}, {"next_cursor", nullptr}, {"total", items}};
}

}  // namespace

int main(int argc, char** argv) {
  const int items = argc > 1 ? std::atoi(argv[1]) : 200;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 200;
  for (bool named : {true, false}) {
    const json page = Page(items, named);
    size_t bytes = 0;
    const auto dump = srm::bench::TimeRounds(rounds, [&](int) { bytes = srm::SafeDump(page).size(); return bytes > 0; });
    // Before: the finished text parsed again and dumped again (the names filled in between).
    const auto before = srm::bench::TimeRounds(rounds, [&](int) {
      const std::string text = srm::SafeDump(page);
      json again = json::parse(text, nullptr, false);
      return !srm::SafeDump(again).empty();
    });
    // Now: the json walked, then dumped once.
    bool refs = false;
    const auto now = srm::bench::TimeRounds(rounds, [&](int) {
      refs = srm::api::HasReferences(page);
      return !srm::SafeDump(page).empty();
    });
    std::printf("%s page of %d items (%zu bytes): dump %.3f ms | before (dump+parse+dump) %.3f ms | now (walk+dump) %.3f ms"
                " [has references: %s]\n",
                named ? "named" : "unnamed", items, bytes, dump.median_ms, before.median_ms, now.median_ms,
                refs ? "yes" : "no");
  }
  return 0;
}
