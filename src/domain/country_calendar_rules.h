// What a country's working-time calendar must satisfy before it is stored (issue 15: service levels
// are counted in the area's time zone and the country's working week and holidays; the DSS desk or
// an administrator keeps them through PUT /api/v1/countries/{id}/calendar). Pure. Rules in order;
// the first refusal is the answer (code, field):
//   K1 unknown_time_zone        time_zone not in the IANA database
//   K2 working_week_invalid     not a comma list of mon..sun, each once, at least one day
//   K3 too_many_holidays        more than kMaxCountryHolidays
//   K4 holiday_invalid          holidays[i].date not a YYYY-MM-DD date
//   K5 holiday_duplicate        two holidays on one date
//   K6 unknown_time_zone        area_zones[i].time_zone not in the IANA database
//   K7 area_zone_duplicate      two zones for one area
// (That each area is one of the country's is the service's check: unknown_area.)
#pragma once

#include "core/result.h"
#include "domain/records/decision_records.h"

namespace srm::domain {

inline constexpr size_t kMaxCountryHolidays = 1000;  // decades of public holidays
inline constexpr size_t kMaxAreaZones = 200;

Status CheckCountryCalendar(const records::CountryCalendar& c);

// The holidays in date order (what is stored and shown).
void SortHolidays(records::CountryCalendar& c);

}  // namespace srm::domain
