#include "domain/catalog_rules.h"

#include <algorithm>
#include <map>

#include "core/strict_json.h"

namespace srm::domain {

bool IsProvider(std::string_view s) { return s == "dss" || s == "agency" || s == "joint"; }

bool IsFundingSource(std::string_view s) {
  return s == "programme_budget" || s == "jointly_financed" || s == "extrabudgetary" || s == "price_list";
}

bool IsServiceCode(std::string_view s) {
  if (s.size() < 3 || s.size() > 32) return false;
  if (s.front() < 'A' || s.front() > 'Z' || s.back() == '-') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && s[i - 1] == '-')) return false;
  }
  return true;
}

bool IsCurrencyCode(std::string_view s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

namespace {

bool IsOrganizationClass(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

Status CheckFactor(int permille, const std::string& field) {
  if (permille < kFactorMinPermille || permille > kFactorMaxPermille)
    return Unprocessable("factor_out_of_range",
                         "a factor is between " + std::to_string(kFactorMinPermille) + " and " +
                             std::to_string(kFactorMaxPermille) + " permille (0.001 to 10)", field);
  return {};
}

}  // namespace

Status CheckService(const records::SecurityService& s) {
  // S1
  if (!IsServiceCode(s.code))
    return Unprocessable("service_code_invalid",
                         "a service code is 3-32 upper-case letters, digits and single hyphens, e.g. SVC-CLR-01", "code");
  // S2
  if (strict_json::Blank(s.name)) return Unprocessable("service_name_required", "a service needs a name", "name");
  // S3
  if (!IsProvider(s.provider))
    return Unprocessable("provider_invalid", "provider is dss, agency or joint", "provider");
  // S4
  if (strict_json::Blank(s.unit))
    return Unprocessable("unit_required", "a service needs its unit, e.g. \"per clearance\"", "unit");
  // S5
  if (!IsFundingSource(s.funding_source))
    return Unprocessable("funding_source_invalid",
                         "funding_source is programme_budget, jointly_financed, extrabudgetary or price_list",
                         "funding_source");
  return {};
}

Status CheckPriceList(const records::PriceList& list, const std::set<std::string, std::less<>>& catalog_codes) {
  // P1
  if (list.year < kPriceListFirstYear || list.year > kPriceListLastYear)
    return Unprocessable("year_out_of_range", "a price list's year is between " + std::to_string(kPriceListFirstYear) +
                                                  " and " + std::to_string(kPriceListLastYear), "year");
  // P2
  if (!IsCurrencyCode(list.currency))
    return Unprocessable("currency_invalid", "currency is an ISO 4217 code: three upper-case letters, e.g. USD",
                         "currency");
  std::set<std::string_view> seen;
  for (size_t i = 0; i < list.items.size(); ++i) {
    const auto& item = list.items[i];
    const std::string prefix = strict_json::ItemPrefix("items", i);
    // P3
    if (!catalog_codes.contains(item.service_code))
      return Unprocessable("service_unknown", "no current service of the catalog has the code " + item.service_code,
                           prefix + "service_code");
    // P4
    if (item.unit_price_minor < 0)
      return Unprocessable("price_negative", "a unit price is never negative", prefix + "unit_price_minor");
    if (item.unit_price_minor > kMaxUnitPriceMinor)
      return Unprocessable("price_too_large", "a unit price is at most 10^12 minor units", prefix + "unit_price_minor");
    // P5
    if (!seen.insert(item.service_code).second)
      return Unprocessable("item_duplicate", "the list prices " + item.service_code + " twice", prefix + "service_code");
  }
  // P6
  std::set<std::string_view> countries;
  for (size_t i = 0; i < list.regional_factors.size(); ++i) {
    const auto& f = list.regional_factors[i];
    const std::string prefix = strict_json::ItemPrefix("regional_factors", i);
    if (strict_json::Blank(f.country_id))
      return Unprocessable("country_required", "a regional factor names its country", prefix + "country_id");
    SRM_TRY(CheckFactor(f.factor_permille, prefix + "factor_permille"));
    if (!countries.insert(f.country_id).second)
      return Unprocessable("regional_factor_duplicate", "the list has two factors for country " + f.country_id,
                           prefix + "country_id");
  }
  // P7
  std::set<std::string_view> classes;
  for (size_t i = 0; i < list.arrangements.size(); ++i) {
    const auto& a = list.arrangements[i];
    const std::string prefix = strict_json::ItemPrefix("arrangements", i);
    if (!IsOrganizationClass(a.organization_class))
      return Unprocessable("organization_class_invalid",
                           "an organization class is 1-64 lower-case letters, digits and '_', e.g. outside_core_framework",
                           prefix + "organization_class");
    SRM_TRY(CheckFactor(a.factor_permille, prefix + "factor_permille"));
    if (!classes.insert(a.organization_class).second)
      return Unprocessable("arrangement_duplicate", "the list has two arrangements for " + a.organization_class,
                           prefix + "organization_class");
  }
  return {};
}

namespace {

// added / removed / changed of two keyed collections, in key order.
template <typename E, typename Key, typename Same>
void DiffBy(const std::vector<E>& from, const std::vector<E>& to, Key key, Same same, std::vector<E>* added,
            std::vector<E>* removed, std::vector<E>* changed) {
  std::map<std::string, const E*> a, b;
  for (const auto& e : from) a[key(e)] = &e;
  for (const auto& e : to) b[key(e)] = &e;
  for (const auto& [k, e] : b) {
    auto it = a.find(k);
    if (it == a.end()) added->push_back(*e);
    else if (!same(*it->second, *e)) changed->push_back(*e);
  }
  for (const auto& [k, e] : a)
    if (!b.contains(k)) removed->push_back(*e);
}

}  // namespace

PriceListDiff DiffPriceLists(const records::PriceList& from, const records::PriceList& to) {
  PriceListDiff d;
  std::vector<records::PriceItem> changed_items;
  DiffBy(from.items, to.items, [](const records::PriceItem& i) { return i.service_code; },
         [](const records::PriceItem& x, const records::PriceItem& y) { return x.unit_price_minor == y.unit_price_minor; },
         &d.added, &d.removed, &changed_items);
  for (const auto& now : changed_items) {
    for (const auto& was : from.items)
      if (was.service_code == now.service_code) d.changed.push_back({now.service_code, was.unit_price_minor, now.unit_price_minor});
  }
  DiffBy(from.regional_factors, to.regional_factors, [](const records::RegionalFactor& f) { return f.country_id; },
         [](const records::RegionalFactor& x, const records::RegionalFactor& y) { return x.factor_permille == y.factor_permille; },
         &d.factors_added, &d.factors_removed, &d.factors_changed);
  DiffBy(from.arrangements, to.arrangements, [](const records::PriceArrangement& a) { return a.organization_class; },
         [](const records::PriceArrangement& x, const records::PriceArrangement& y) { return x == y; },
         &d.arrangements_added, &d.arrangements_removed, &d.arrangements_changed);
  return d;
}

Status CheckPublisher(const records::PriceList& list, std::string_view publisher_id) {
  if (list.drafted_by.id == publisher_id)
    return Fail(ErrorKind::kForbidden, "separation_of_duties_draft",
                "separation of duties: you drafted this price list; another member of the governance group publishes it");
  for (const auto& e : list.editors)
    if (e.id == publisher_id)
      return Fail(ErrorKind::kForbidden, "separation_of_duties_edit",
                  "separation of duties: you edited this price list; another member of the governance group publishes it");
  return {};
}

void RecordEditor(records::PriceList& list, const records::UserRef& editor) {
  if (editor.id == list.drafted_by.id) return;
  for (const auto& e : list.editors)
    if (e.id == editor.id) return;
  list.editors.push_back(editor);
}

}  // namespace srm::domain
