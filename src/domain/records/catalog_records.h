// The results chain (the catalog of security services) and the universal price list
// (SRM-METHOD.md section 8; the 2025 review, 002 §§24, 29, 34-36, 46-49), one struct per kind,
// shaped as the rows of their tables (migrations/0012_catalog_price_lists.sql).
//
// Money is an integer count of minor units (cents for USD) of the list's ISO 4217 currency;
// factors are integers in permille (1000 = 1.0). No floating point anywhere on this path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/records/decision_records.h"  // UserRef

namespace srm::domain::records {

// One version of a service of the results chain. Editing a service writes a new version row with
// the same code and marks the previous one superseded: the old row is kept, so a price list or
// budget that named the code can still show what the service was when it was priced.
struct SecurityService {
  std::string id;
  std::string code;            // e.g. "SVC-CLR-01"; one current (not superseded) row per code
  std::string name, description;
  std::string provider;        // dss | agency | joint
  std::string unit;            // e.g. "per clearance", "per month", "per officer-month"
  std::string funding_source;  // programme_budget | jointly_financed | extrabudgetary | price_list
  int version = 1;
  bool superseded = false;
  UserRef created_by;
  std::string created_at, updated_at;
  int64_t revision = 0;
  bool operator==(const SecurityService&) const = default;
};

struct PriceItem {
  std::string service_code;
  int64_t unit_price_minor = 0;
  bool operator==(const PriceItem&) const = default;
};

// A country's cost level relative to the list (1000 = the list price).
struct RegionalFactor {
  std::string country_id;
  int factor_permille = 1000;
  bool operator==(const RegionalFactor&) const = default;
};

// A differentiated arrangement for a class of organization, e.g. "outside_core_framework"
// (review §35: institutions outside the core governance framework pay on other terms).
struct PriceArrangement {
  std::string organization_class;  // e.g. core | outside_core_framework
  int factor_permille = 1000;
  std::string note;
  bool operator==(const PriceArrangement&) const = default;
};

// The universal price list of one year, one version. Drafted (and edited while a draft) by the
// security governance group or an admin, published by the governance group — never by its
// drafter — and never changed once published: a change is a new version (derived_from_id).
struct PriceList {
  std::string id;
  int year = 0;
  std::string currency;  // ISO 4217, three upper-case letters
  int version = 1;       // per year
  std::string status;    // draft | published
  std::string derived_from_id;  // "" for a first version
  std::string note;
  UserRef drafted_by;
  std::vector<UserRef> editors;             // whoever edited the draft after its drafter, once each
  UserRef published_by;                     // empty while a draft
  std::optional<std::string> published_at;  // RFC 3339; nullopt while a draft
  std::vector<PriceItem> items;
  std::vector<RegionalFactor> regional_factors;
  std::vector<PriceArrangement> arrangements;
  std::string created_at, updated_at;
  int64_t revision = 0;
  bool operator==(const PriceList&) const = default;
};

}  // namespace srm::domain::records
