// The JSON of the results chain and the universal price list: records as the API answers them,
// and the request bodies read strictly (core/strict_json.h: unknown fields, wrong types, control
// characters and numbers out of range are refused with a code and the field's path). Money is a
// JSON integer of minor units; a fraction or a number beyond int64 is refused, never rounded.
#pragma once

#include <nlohmann/json.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "domain/catalog_rules.h"
#include "domain/records/catalog_records.h"

namespace srm::domain {

nlohmann::json ToJson(const records::SecurityService& s);
// `detail` false: the list's header without its items, factors and arrangements (the list view).
nlohmann::json ToJson(const records::PriceList& l, bool detail = true);
nlohmann::json ToJson(const PriceListDiff& d);

// POST /services: {code, name, description?, provider, unit, funding_source}. A code already in
// the catalog makes a new version of that service.
struct ServiceBody {
  std::string code, name, description, provider, unit, funding_source;
};
Result<ServiceBody> ServiceBodyFrom(const nlohmann::json& body);

// The contents of a draft: what POST /price-lists creates and PUT /price-lists/{id} replaces.
struct PriceListContent {
  std::string currency, note;
  std::vector<records::PriceItem> items;
  std::vector<records::RegionalFactor> regional_factors;
  std::vector<records::PriceArrangement> arrangements;
};

// POST /price-lists: either {year, currency, note?, items?, regional_factors?, arrangements?} or
// {from_id, note?} (a new draft version copied from that list).
struct PriceListCreateBody {
  std::optional<std::string> from_id;
  int year = 0;
  PriceListContent content;
  bool note_given = false;
};
Result<PriceListCreateBody> PriceListCreateBodyFrom(const nlohmann::json& body);

// PUT /price-lists/{id}: {currency, note?, items, regional_factors?, arrangements?, revision?};
// year is fixed at creation (immutable_field).
struct PriceListEditBody {
  PriceListContent content;
  std::optional<int64_t> revision;
};
Result<PriceListEditBody> PriceListEditBodyFrom(const nlohmann::json& body);

// POST /price-lists/{id}/publish: {} or {revision}.
Result<std::optional<int64_t>> PublishBodyFrom(const nlohmann::json& body);

// Limits of one list (a body beyond them is refused with too_many).
inline constexpr size_t kMaxPriceItems = 1000;
inline constexpr size_t kMaxRegionalFactors = 500;
inline constexpr size_t kMaxArrangements = 50;

}  // namespace srm::domain
