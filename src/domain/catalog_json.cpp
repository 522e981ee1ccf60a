#include "domain/catalog_json.h"

#include <limits>

#include "core/strict_json.h"

namespace srm::domain {

using nlohmann::json;

namespace {

json UserJson(const records::UserRef& u) { return {{"id", u.id}, {"username", u.username}}; }

// A required integer within [lo, hi] (the same codes as strict_json::PatchInt, 64-bit).
Result<int64_t> RequiredInt(const json& body, const char* key, int64_t lo, int64_t hi, const std::string& prefix) {
  const std::string field = prefix + key;
  if (!body.contains(key) || body[key].is_null()) return Invalid("required", field + " is required", field);
  SRM_ASSIGN(v, strict_json::OptionalInt(body, key, field + " must be an integer", prefix));
  const bool huge = body[key].is_number_unsigned() && body[key].get<uint64_t>() > uint64_t{INT64_MAX};
  if (huge || *v < lo || *v > hi)
    return Invalid("out_of_range", field + " must be between " + std::to_string(lo) + " and " + std::to_string(hi),
                   field);
  return *v;
}

// Wide syntactic ranges here; the price-list rules (catalog_rules.h) refuse the values the method
// does not accept with their own codes (422), so a body is refused for its shape only.
Status ReadItems(const json& body, PriceListContent* out) {
  if (!body.contains("items")) return {};
  SRM_TRY(strict_json::Array(body["items"], "items", kMaxPriceItems));
  for (size_t i = 0; i < body["items"].size(); ++i) {
    const json& e = body["items"][i];
    const std::string prefix = strict_json::ItemPrefix("items", i);
    SRM_TRY(strict_json::OnlyFields(e, {"service_code", "unit_price_minor"}, prefix));
    records::PriceItem item;
    SRM_ASSIGN(code, strict_json::Text(e, "service_code", true, 64, prefix));
    SRM_ASSIGN(price, RequiredInt(e, "unit_price_minor", std::numeric_limits<int64_t>::min(),
                                  std::numeric_limits<int64_t>::max(), prefix));
    item.service_code = std::move(code);
    item.unit_price_minor = price;
    out->items.push_back(std::move(item));
  }
  return {};
}

Status ReadFactors(const json& body, PriceListContent* out) {
  if (!body.contains("regional_factors")) return {};
  SRM_TRY(strict_json::Array(body["regional_factors"], "regional_factors", kMaxRegionalFactors));
  for (size_t i = 0; i < body["regional_factors"].size(); ++i) {
    const json& e = body["regional_factors"][i];
    const std::string prefix = strict_json::ItemPrefix("regional_factors", i);
    SRM_TRY(strict_json::OnlyFields(e, {"country_id", "factor_permille"}, prefix));
    SRM_ASSIGN(country, strict_json::Text(e, "country_id", true, 64, prefix));
    SRM_ASSIGN(factor, RequiredInt(e, "factor_permille", INT32_MIN, INT32_MAX, prefix));
    out->regional_factors.push_back({std::move(country), static_cast<int>(factor)});
  }
  return {};
}

Status ReadArrangements(const json& body, PriceListContent* out) {
  if (!body.contains("arrangements")) return {};
  SRM_TRY(strict_json::Array(body["arrangements"], "arrangements", kMaxArrangements));
  for (size_t i = 0; i < body["arrangements"].size(); ++i) {
    const json& e = body["arrangements"][i];
    const std::string prefix = strict_json::ItemPrefix("arrangements", i);
    SRM_TRY(strict_json::OnlyFields(e, {"organization_class", "factor_permille", "note"}, prefix));
    SRM_ASSIGN(cls, strict_json::Text(e, "organization_class", true, 64, prefix));
    SRM_ASSIGN(factor, RequiredInt(e, "factor_permille", INT32_MIN, INT32_MAX, prefix));
    SRM_ASSIGN(note, strict_json::Text(e, "note", false, 1000, prefix));
    out->arrangements.push_back({std::move(cls), static_cast<int>(factor), std::move(note)});
  }
  return {};
}

Status ReadContent(const json& body, PriceListContent* out) {
  SRM_ASSIGN(currency, strict_json::Text(body, "currency", true, 8));
  SRM_ASSIGN(note, strict_json::Text(body, "note", false, 2000));
  out->currency = std::move(currency);
  out->note = std::move(note);
  SRM_TRY(ReadItems(body, out));
  SRM_TRY(ReadFactors(body, out));
  return ReadArrangements(body, out);
}

}  // namespace

json ToJson(const records::SecurityService& s) {
  return {{"id", s.id},
          {"code", s.code},
          {"name", s.name},
          {"description", s.description},
          {"provider", s.provider},
          {"unit", s.unit},
          {"funding_source", s.funding_source},
          {"version", s.version},
          {"superseded", s.superseded},
          {"created_by", UserJson(s.created_by)},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at},
          {"revision", s.revision}};
}

json ToJson(const records::PriceList& l, bool detail) {
  json j{{"id", l.id},
         {"year", l.year},
         {"currency", l.currency},
         {"version", l.version},
         {"status", l.status},
         {"derived_from_id", l.derived_from_id.empty() ? json(nullptr) : json(l.derived_from_id)},
         {"note", l.note},
         {"drafted_by", UserJson(l.drafted_by)},
         {"editors", [&] {
            json a = json::array();
            for (const auto& e : l.editors) a.push_back(UserJson(e));
            return a;
          }()},
         {"published_by", l.published_by.id.empty() ? json(nullptr) : UserJson(l.published_by)},
         {"published_at", l.published_at ? json(*l.published_at) : json(nullptr)},
         {"item_count", l.items.size()},
         {"created_at", l.created_at},
         {"updated_at", l.updated_at},
         {"revision", l.revision}};
  if (!detail) return j;
  json items = json::array(), factors = json::array(), arrangements = json::array();
  for (const auto& i : l.items) items.push_back({{"service_code", i.service_code}, {"unit_price_minor", i.unit_price_minor}});
  for (const auto& f : l.regional_factors)
    factors.push_back({{"country_id", f.country_id}, {"factor_permille", f.factor_permille}});
  for (const auto& a : l.arrangements)
    arrangements.push_back(
        {{"organization_class", a.organization_class}, {"factor_permille", a.factor_permille}, {"note", a.note}});
  j["items"] = std::move(items);
  j["regional_factors"] = std::move(factors);
  j["arrangements"] = std::move(arrangements);
  return j;
}

json ToJson(const PriceListDiff& d) {
  auto items = [](const std::vector<records::PriceItem>& v) {
    json a = json::array();
    for (const auto& i : v) a.push_back({{"service_code", i.service_code}, {"unit_price_minor", i.unit_price_minor}});
    return a;
  };
  auto factors = [](const std::vector<records::RegionalFactor>& v) {
    json a = json::array();
    for (const auto& f : v) a.push_back({{"country_id", f.country_id}, {"factor_permille", f.factor_permille}});
    return a;
  };
  auto arrangements = [](const std::vector<records::PriceArrangement>& v) {
    json a = json::array();
    for (const auto& x : v)
      a.push_back({{"organization_class", x.organization_class}, {"factor_permille", x.factor_permille}, {"note", x.note}});
    return a;
  };
  json changed = json::array();
  for (const auto& c : d.changed)
    changed.push_back({{"service_code", c.service_code}, {"from_minor", c.from_minor}, {"to_minor", c.to_minor}});
  return {{"added", items(d.added)},
          {"removed", items(d.removed)},
          {"changed", std::move(changed)},
          {"regional_factors", {{"added", factors(d.factors_added)},
                                {"removed", factors(d.factors_removed)},
                                {"changed", factors(d.factors_changed)}}},
          {"arrangements", {{"added", arrangements(d.arrangements_added)},
                            {"removed", arrangements(d.arrangements_removed)},
                            {"changed", arrangements(d.arrangements_changed)}}}};
}

Result<ServiceBody> ServiceBodyFrom(const json& body) {
  SRM_TRY(strict_json::OnlyFields(body, {"code", "name", "description", "provider", "unit", "funding_source"}));
  ServiceBody in;
  SRM_ASSIGN(code, strict_json::Text(body, "code", true, 64));
  SRM_ASSIGN(name, strict_json::Text(body, "name", true, 200));
  SRM_ASSIGN(description, strict_json::Text(body, "description", false, 4000));
  SRM_ASSIGN(provider, strict_json::Text(body, "provider", true, 32));
  SRM_ASSIGN(unit, strict_json::Text(body, "unit", true, 100));
  SRM_ASSIGN(funding, strict_json::Text(body, "funding_source", true, 32));
  in.code = std::move(code);
  in.name = std::move(name);
  in.description = std::move(description);
  in.provider = std::move(provider);
  in.unit = std::move(unit);
  in.funding_source = std::move(funding);
  return in;
}

Result<PriceListCreateBody> PriceListCreateBodyFrom(const json& body) {
  SRM_TRY(strict_json::Object(body));
  PriceListCreateBody in;
  if (body.contains("from_id")) {
    SRM_TRY(strict_json::OnlyFields(body, {"from_id", "note"}));
    SRM_ASSIGN(from, strict_json::Text(body, "from_id", true, 64));
    in.from_id = std::move(from);
    in.note_given = body.contains("note");
    SRM_ASSIGN(note, strict_json::Text(body, "note", false, 2000));
    in.content.note = std::move(note);
    return in;
  }
  SRM_TRY(strict_json::OnlyFields(body, {"year", "currency", "note", "items", "regional_factors", "arrangements"}));
  SRM_ASSIGN(year, RequiredInt(body, "year", INT32_MIN, INT32_MAX, ""));
  in.year = static_cast<int>(year);
  SRM_TRY(ReadContent(body, &in.content));
  return in;
}

Result<PriceListEditBody> PriceListEditBodyFrom(const json& body) {
  SRM_TRY(strict_json::Object(body));
  for (const char* k : {"year", "from_id", "status", "version"})
    if (body.contains(k))
      return Invalid("immutable_field", std::string(k) + " is fixed when a price list is created", k);
  SRM_TRY(strict_json::OnlyFields(body, {"currency", "note", "items", "regional_factors", "arrangements", "revision"}));
  PriceListEditBody in;
  SRM_TRY(ReadContent(body, &in.content));
  SRM_ASSIGN(revision, strict_json::OptionalInt(body, "revision", "revision must be an integer"));
  in.revision = revision;
  return in;
}

Result<std::optional<int64_t>> PublishBodyFrom(const json& body) {
  if (body.is_null()) return std::optional<int64_t>();
  SRM_TRY(strict_json::OnlyFields(body, {"revision"}));
  return strict_json::OptionalInt(body, "revision", "revision must be an integer");
}

}  // namespace srm::domain
