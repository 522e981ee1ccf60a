// The columns of service-level agreements and country calendars (migrations/0015_service_levels.sql),
// bound to the members of domain/records/decision_records.h.
#include "store/sql/decision_tables.h"

namespace srm::store::sql {

template <>
const Table<records::CountryCalendar>& TableOf<records::CountryCalendar>() {
  using R = records::CountryCalendar;
  using C = Cols<R>;
  using H = records::CountryHoliday;
  using Z = records::AreaTimeZone;
  static const Table<R> table = MakeTable<R>("country_calendars", {
    C::Text("id", &R::id),
    C::Ref("country_id", &R::country_id),
    C::Text("time_zone", &R::time_zone),
    C::Text("working_week", &R::working_week),
  }, {
    Lists<R>::List("country_calendar_holidays", "calendar_id", &R::holidays, std::vector{
      Cols<H>::Text("date", &H::date), Cols<H>::Text("name", &H::name)}),
    Lists<R>::List("country_calendar_area_zones", "calendar_id", &R::area_zones, std::vector{
      Cols<Z>::Ref("area_id", &Z::area_id), Cols<Z>::Text("time_zone", &Z::time_zone)}),
  });
  return table;
}

template <>
const Table<records::ServiceLevelAgreement>& TableOf<records::ServiceLevelAgreement>() {
  using R = records::ServiceLevelAgreement;
  using C = Cols<R>;
  using T = records::SlaTarget;
  using S = Cols<std::string>;
  static const Table<R> table = MakeTable<R>("service_level_agreements", {
    C::Text("id", &R::id),
    C::Ref("organization_id", &R::organization_id),
    C::Ref("country_id", &R::country_id),
    C::Text("title", &R::title),
    C::Text("from", &R::from),
    C::Text("to", &R::to),
    C::Ref("created_by_id", &R::created_by, &records::UserRef::id),
    C::Text("created_by_username", &R::created_by, &records::UserRef::username),
  }, {
    Lists<R>::List("service_level_agreement_services", "agreement_id", &R::services, std::vector{S::Text("code")}),
    Lists<R>::List("service_level_agreement_targets", "agreement_id", &R::targets, std::vector{
      Cols<T>::Text("metric", &T::metric), Cols<T>::Int("threshold", &T::threshold), Cols<T>::Text("unit", &T::unit)}),
  });
  return table;
}

}  // namespace srm::store::sql
