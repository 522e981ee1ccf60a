// The columns of the local cost-shared security budget (migrations/0013_budgets.sql), bound to the
// members of domain/records/budget_records.h.
#include "store/sql/decision_tables.h"

namespace srm::store::sql {

template <>
const Table<records::Budget>& TableOf<records::Budget>() {
  using R = records::Budget;
  using C = Cols<R>;
  using U = records::UserRef;
  using L = records::BudgetLine;
  using H = records::BudgetHeadcount;
  using S = records::BudgetShare;
  using E = records::BudgetHistoryEntry;
  static const Table<R> table = MakeTable<R>("budgets", {
    C::Text("id", &R::id),
    C::Ref("country_id", &R::country_id),
    C::Int("year", &R::year),
    C::Text("currency", &R::currency),
    C::Text("reference_date", &R::reference_date),
    C::Text("status", &R::status),
    C::Int("minimum_num", &R::minimum_num),
    C::Int("minimum_den", &R::minimum_den),
    C::Int("decrease_num", &R::decrease_num),
    C::Int("decrease_den", &R::decrease_den),
    C::Int("total_minor", &R::total_minor),
    C::Ref("drafted_by_id", &R::drafted_by, &U::id),
    C::Text("drafted_by_username", &R::drafted_by, &U::username),
    C::Ref("endorsed_by_id", &R::endorsed_by, &U::id),
    C::Text("endorsed_by_username", &R::endorsed_by, &U::username),
    C::OptText("endorsed_at", &R::endorsed_at),
    C::Ref("approved_by_id", &R::approved_by, &U::id),
    C::Text("approved_by_username", &R::approved_by, &U::username),
    C::OptText("approved_at", &R::approved_at),
  }, {
    Lists<R>::List("budget_lines", "parent_id", &R::lines, std::vector{
      Cols<L>::Text("id", &L::id), Cols<L>::Text("sra_id", &L::sra_id), Cols<L>::Text("measure_id", &L::measure_id),
      Cols<L>::Text("service_code", &L::service_code), Cols<L>::Int("quantity", &L::quantity),
      Cols<L>::Text("funding_source", &L::funding_source), Cols<L>::Text("description", &L::description),
      Cols<L>::Text("price_list_id", &L::price_list_id), Cols<L>::Int("unit_price_minor", &L::unit_price_minor),
      Cols<L>::Int("regional_factor_permille", &L::regional_factor_permille),
      Cols<L>::Int("amount_minor", &L::amount_minor), Cols<L>::Text("added_by_id", &L::added_by, &U::id),
      Cols<L>::Text("added_by_username", &L::added_by, &U::username), Cols<L>::Text("added_at", &L::added_at)}),
    Lists<R>::List("budget_headcounts", "parent_id", &R::headcounts, std::vector{
      Cols<H>::Text("organization_id", &H::organization_id), Cols<H>::Int("headcount", &H::headcount)}),
    Lists<R>::List("budget_shares", "parent_id", &R::shares, std::vector{
      Cols<S>::Text("organization_id", &S::organization_id), Cols<S>::Int("amount_minor", &S::amount_minor),
      Cols<S>::Text("basis", &S::basis)}),
    Lists<R>::List("budget_history", "parent_id", &R::history, std::vector{
      Cols<E>::Text("at", &E::at), Cols<E>::Text("action", &E::action), Cols<E>::Text("by", &E::by),
      Cols<E>::Text("role", &E::role), Cols<E>::Text("comment", &E::comment)}),
  });
  return table;
}

}  // namespace srm::store::sql
