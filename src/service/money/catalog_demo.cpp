#include "service/money/catalog_demo.h"

#include <string>
#include <tuple>
#include <vector>

#include "core/clock.h"
#include "security/crypto.h"
#include "service/money/catalog.h"

namespace srm::service {

namespace {

struct DemoService {
  const char* code;
  const char* name;
  const char* provider;
  const char* unit;
  const char* funding;
  int64_t price_minor;  // this year's unit price, US cents
  const char* description;
};

// The results chain of review 002 §34: (a) DSS, (b) agency security professionals, (c) jointly.
// The codes SVC-TEL-01, SVC-GRD-01, SVC-TRN-01, SVC-VEH-01, SVC-CRD-01 and SVC-MED-01 are the ones
// the demo budget (budget_demo.cpp) prices its MOSS measures with.
const std::vector<DemoService>& Services() {
  static const std::vector<DemoService> all = {
      {"SVC-CLR-01", "Security clearance processing", "dss", "per clearance", "jointly_financed", 4'500,
       "Processing a travel security clearance request, leg by leg, against the SRA in force."},
      {"SVC-SRA-01", "Area security risk assessment (conduct)", "dss", "per assessment", "jointly_financed", 1'850'000,
       "Conducting and publishing an area SRA with the security cell and the SMT."},
      {"SVC-SRA-02", "Specific SRA review and coordination", "joint", "per assessment", "price_list", 420'000,
       "Reviewing an agency's specific SRA against the area SRA and coordinating it with DSS."},
      {"SVC-TRN-01", "Safe and Secure Approaches in Field Environments (SSAFE)", "dss", "per participant",
       "price_list", 65'000, "Three-day SSAFE course for personnel deploying to high-risk areas."},
      {"SVC-TRN-02", "Security awareness induction briefing", "dss", "per participant", "jointly_financed", 2'500,
       "Country security briefing for newly arrived personnel."},
      {"SVC-TRN-03", "Women's security awareness training", "joint", "per participant", "price_list", 18'000,
       "One-day course on the security risks women personnel face."},
      {"SVC-MOS-01", "MOSS compliance review", "dss", "per office", "jointly_financed", 95'000,
       "On-site review of an office's compliance with the Minimum Operating Security Standards."},
      {"SVC-RSM-01", "Residential security survey", "dss", "per residence", "price_list", 12'000,
       "Survey of a residence against the Residential Security Measures."},
      {"SVC-SOM-01", "Security officer", "dss", "per officer-month", "jointly_financed", 1'150'000,
       "An international security officer assigned to the country."},
      {"SVC-SOM-02", "Local security assistant", "dss", "per officer-month", "jointly_financed", 320'000,
       "A national security assistant assigned to an area."},
      {"SVC-SOM-03", "Agency field security adviser", "agency", "per officer-month", "programme_budget", 1'100'000,
       "An agency's own security professional, on the agency's programme budget."},
      {"SVC-ESC-01", "Armed escort coordination", "joint", "per movement", "price_list", 38'000,
       "Coordinating an armed escort with host security forces, last resort only."},
      {"SVC-CRD-01", "Crisis coordination cell", "dss", "per month", "jointly_financed", 2'400'000,
       "Standing up and running the crisis coordination cell during an emergency."},
      {"SVC-INC-01", "Incident reporting and analysis", "dss", "per month", "jointly_financed", 180'000,
       "Collecting, verifying and analysing security incidents for the SRA's evidence."},
      {"SVC-TEL-01", "Telecommunications radio room", "dss", "per month", "jointly_financed", 760'000,
       "The 24/7 radio room: HF/VHF networks, radio checks and tracking of movements."},
      {"SVC-TEL-02", "Radio equipment and programming", "joint", "per handset", "price_list", 45'000,
       "VHF handset issued, programmed and registered on the network."},
      {"SVC-GRD-01", "Unarmed guard services for common premises", "joint", "per post-month", "jointly_financed",
       410'000, "A 24-hour guard post at a common UN premises, contracted locally."},
      {"SVC-PRM-01", "Premises security assessment", "dss", "per premises", "price_list", 75'000,
       "Assessment of a premises' physical security and recommended measures."},
      {"SVC-VEH-01", "Armoured vehicle pool", "joint", "per vehicle-month", "jointly_financed", 560'000,
       "Shared armoured vehicles for movements in high-risk areas."},
      {"SVC-MED-01", "Medical evacuation coordination", "joint", "per evacuation", "extrabudgetary", 2'200'000,
       "Coordinating a casualty or medical evacuation with the mission's assets."},
      {"SVC-EVC-01", "Relocation and evacuation planning", "dss", "per plan", "jointly_financed", 140'000,
       "Maintaining the security plan's relocation and evacuation arrangements."},
      {"SVC-WDN-01", "Warden system management", "dss", "per month", "jointly_financed", 55'000,
       "Running the warden system: lists, zones and communication trees."},
      {"SVC-TRK-01", "Staff tracking and travel advisories", "dss", "per month", "jointly_financed", 95'000,
       "Tracking personnel in the country and issuing travel advisories."},
      {"SVC-SIM-01", "Security simulation exercise", "joint", "per exercise", "price_list", 260'000,
       "A full-scale simulation of the security plan with the SMT and the agencies."},
      {"SVC-IED-01", "IED and explosive threat awareness", "agency", "per participant", "programme_budget", 35'000,
       "Awareness course delivered by agency security professionals."},
      {"SVC-HST-01", "Hostage incident management support", "dss", "per incident", "extrabudgetary", 4'500'000,
       "Deploying hostage incident management capacity."},
      {"SVC-SRG-01", "Surge security deployment", "dss", "per officer-month", "extrabudgetary", 1'400'000,
       "Surge security officers paid from the emergency security fund."},
      {"SVC-ANL-01", "Security information analysis", "dss", "per month", "jointly_financed", 480'000,
       "Threat and risk analysis for the country and its areas."},
      {"SVC-HQS-01", "Agency headquarters security coordination", "agency", "per assessment", "programme_budget",
       90'000, "An agency headquarters' coordination of its specific SRAs with DSS."},
      {"SVC-CPC-01", "Close protection for senior officials", "agency", "per day", "programme_budget", 150'000,
       "Close protection of an agency's senior official on mission."},
  };
  return all;
}

domain::PriceListCreateBody ListOf(int year, int carana_permille, int percent_increase) {
  domain::PriceListCreateBody in;
  in.year = year;
  in.content.currency = "USD";
  in.content.note = "Universal price list " + std::to_string(year) + " (demo)";
  for (const auto& s : Services())
    in.content.items.push_back({s.code, s.price_minor + s.price_minor * percent_increase / 100});
  in.content.regional_factors = {{"cty_carana", carana_permille}};
  in.content.arrangements = {
      {"core", 1000, "Organizations of the core governance framework pay the list price."},
      {"outside_core_framework", 1250,
       "Entities outside the core governance framework (review §35): list price plus 25%."}};
  return in;
}

}  // namespace

Status SeedCatalog(store::Store* store, const Principal& governance, const Principal& publisher,
                   calendar::Day seeded_on) {
  SystemClock clock;
  security::RandomIdGen ids;
  CatalogService catalog(store, &clock, &ids);
  for (const auto& s : Services()) {
    domain::ServiceBody body{s.code, s.name, s.description, s.provider, s.unit, s.funding};
    SRM_TRY(catalog.PutService(governance, body));
  }
  // One service revised once, so the catalog shows a superseded version.
  domain::ServiceBody revised{"SVC-CLR-01", "Security clearance processing",
                              "Processing a travel security clearance request, leg by leg, against the SRA in force, "
                              "answered within the service level's hours.",
                              "dss", "per clearance", "jointly_financed"};
  SRM_TRY(catalog.PutService(governance, revised));

  const int this_year = calendar::ToCivil(seeded_on).year;
  for (const auto& [year, carana, increase] : {std::tuple{this_year, 1150, 0}, std::tuple{this_year + 1, 1180, 3}}) {
    SRM_ASSIGN(draft, catalog.CreatePriceList(governance, ListOf(year, carana, increase)));
    SRM_TRY(catalog.Publish(publisher, draft.id, std::nullopt));
  }
  // Next year's list also has a second draft version in preparation (a new service, a price change).
  SRM_ASSIGN(lists, store->ListPriceLists({.year = this_year + 1, .status = "published"}, {1, ""}));
  if (!lists.items.empty()) {
    domain::PriceListCreateBody copy;
    copy.from_id = lists.items.front().id;
    copy.note_given = true;
    copy.content.note = "Draft revision: SSAFE price reviewed";
    SRM_ASSIGN(v2, catalog.CreatePriceList(governance, copy));
    domain::PriceListEditBody edit;
    edit.content.currency = v2.currency;
    edit.content.note = v2.note;
    edit.content.items = v2.items;
    for (auto& item : edit.content.items)
      if (item.service_code == "SVC-TRN-01") item.unit_price_minor = 69'900;
    edit.content.regional_factors = v2.regional_factors;
    edit.content.arrangements = v2.arrangements;
    edit.revision = v2.revision;
    SRM_TRY(catalog.EditPriceList(governance, v2.id, edit));
  }
  return {};
}

}  // namespace srm::service
