// The columns of the results chain and the universal price list (migrations/0012_catalog_price_lists.sql),
// bound to the members of domain/records/catalog_records.h.
#include "store/sql/decision_tables.h"

namespace srm::store::sql {

template <>
const Table<records::SecurityService>& TableOf<records::SecurityService>() {
  using R = records::SecurityService;
  using C = Cols<R>;
  static const Table<R> table = MakeTable<R>("security_services", {
    C::Text("id", &R::id),
    C::Text("code", &R::code),
    C::Text("name", &R::name),
    C::Text("description", &R::description),
    C::Text("provider", &R::provider),
    C::Text("unit", &R::unit),
    C::Text("funding_source", &R::funding_source),
    C::Int("version", &R::version),
    C::Bool("superseded", &R::superseded),
    C::Ref("created_by_id", &R::created_by, &records::UserRef::id),
    C::Text("created_by_username", &R::created_by, &records::UserRef::username),
  });
  return table;
}

template <>
const Table<records::PriceList>& TableOf<records::PriceList>() {
  using R = records::PriceList;
  using C = Cols<R>;
  using I = records::PriceItem;
  using F = records::RegionalFactor;
  using A = records::PriceArrangement;
  static const Table<R> table = MakeTable<R>("price_lists", {
    C::Text("id", &R::id),
    C::Int("year", &R::year),
    C::Text("currency", &R::currency),
    C::Int("version", &R::version),
    C::Text("status", &R::status),
    C::Ref("derived_from_id", &R::derived_from_id),
    C::Text("note", &R::note),
    C::Ref("drafted_by_id", &R::drafted_by, &records::UserRef::id),
    C::Text("drafted_by_username", &R::drafted_by, &records::UserRef::username),
    C::Ref("published_by_id", &R::published_by, &records::UserRef::id),
    C::Text("published_by_username", &R::published_by, &records::UserRef::username),
    C::OptText("published_at", &R::published_at),
  }, {
    Lists<R>::List("price_list_items", "parent_id", &R::items, std::vector{
      Cols<I>::Text("service_code", &I::service_code),
      Cols<I>::Int("unit_price_minor", &I::unit_price_minor),
    }),
    Lists<R>::List("price_list_regional_factors", "parent_id", &R::regional_factors, std::vector{
      Cols<F>::Text("country_id", &F::country_id),
      Cols<F>::Int("factor_permille", &F::factor_permille),
    }),
    Lists<R>::List("price_list_editors", "parent_id", &R::editors, std::vector{
      Cols<records::UserRef>::Text("user_id", &records::UserRef::id),
      Cols<records::UserRef>::Text("username", &records::UserRef::username),
    }),
    Lists<R>::List("price_list_arrangements", "parent_id", &R::arrangements, std::vector{
      Cols<A>::Text("organization_class", &A::organization_class),
      Cols<A>::Int("factor_permille", &A::factor_permille),
      Cols<A>::Text("note", &A::note),
    }),
  });
  return table;
}

}  // namespace srm::store::sql
