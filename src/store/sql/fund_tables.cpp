// The columns of the emergency security fund (migrations/0018_emergency_fund.sql), bound to the
// members of domain/records/fund_records.h.
#include "store/sql/decision_tables.h"

namespace srm::store::sql {

template <>
const Table<records::FundAuthority>& TableOf<records::FundAuthority>() {
  using R = records::FundAuthority;
  using C = Cols<R>;
  static const Table<R> table = MakeTable<R>("fund_authorities", {
    C::Text("id", &R::id),
    C::Text("role", &R::role),
    C::Int("limit_minor", &R::limit_minor),
    C::Bool("unlimited", &R::unlimited),
    C::Text("label", &R::label),
  }, {});
  return table;
}

template <>
const Table<records::FundAccount>& TableOf<records::FundAccount>() {
  using R = records::FundAccount;
  using C = Cols<R>;
  static const Table<R> table = MakeTable<R>("fund_accounts", {
    C::Text("id", &R::id),
    C::Text("currency", &R::currency),
    C::Int("contributions_minor", &R::contributions_minor),
    C::Int("available_minor", &R::available_minor),
    C::Int("committed_minor", &R::committed_minor),
    C::Int("disbursed_minor", &R::disbursed_minor),
    C::Int("movements", &R::movements),
  }, {});
  return table;
}

template <>
const Table<records::FundContribution>& TableOf<records::FundContribution>() {
  using R = records::FundContribution;
  using C = Cols<R>;
  using U = records::UserRef;
  static const Table<R> table = MakeTable<R>("fund_contributions", {
    C::Text("id", &R::id),
    C::Ref("donor_org_id", &R::donor_org_id),
    C::Int("amount_minor", &R::amount_minor),
    C::Text("currency", &R::currency),
    C::Text("earmark", &R::earmark),
    C::Text("conditions", &R::conditions),
    C::Ref("recorded_by_id", &R::recorded_by, &U::id),
    C::Text("recorded_by_username", &R::recorded_by, &U::username),
    C::Text("movement_id", &R::movement_id),
    C::Text("reversed_by", &R::reversed_by),
  }, {});
  return table;
}

template <>
const Table<records::FundRequest>& TableOf<records::FundRequest>() {
  using R = records::FundRequest;
  using C = Cols<R>;
  using U = records::UserRef;
  static const Table<R> table = MakeTable<R>("fund_requests", {
    C::Text("id", &R::id),
    C::Ref("area_id", &R::area_id),
    C::Ref("country_id", &R::country_id),
    C::Ref("organization_id", &R::organization_id),
    C::Text("purpose", &R::purpose),
    C::Int("amount_minor", &R::amount_minor),
    C::Text("currency", &R::currency),
    C::Int("days", &R::days),
    C::Text("basis_kind", &R::basis_kind),
    C::Text("basis_id", &R::basis_id),
    C::Text("routed_to", &R::routed_to),
    C::Ref("authority_id", &R::authority_id),
    C::Text("status", &R::status),
    C::Ref("requested_by_id", &R::requested_by, &U::id),
    C::Text("requested_by_username", &R::requested_by, &U::username),
    C::Text("submitted_at", &R::submitted_at),
    C::Ref("decided_by_id", &R::decided_by, &U::id),
    C::Text("decided_by_username", &R::decided_by, &U::username),
    C::OptText("decided_at", &R::decided_at),
    C::Text("decision_reason", &R::decision_reason),
    C::Int("disbursed_minor", &R::disbursed_minor),
    C::Int("returned_minor", &R::returned_minor),
  }, {});
  return table;
}

template <>
const Table<records::FundLedgerEntry>& TableOf<records::FundLedgerEntry>() {
  using R = records::FundLedgerEntry;
  using C = Cols<R>;
  using U = records::UserRef;
  static const Table<R> table = MakeTable<R>("fund_ledger", {
    C::Text("id", &R::id),
    C::Text("movement_id", &R::movement_id),
    C::Int("seq", &R::seq),
    C::Text("at", &R::at),
    C::Text("kind", &R::kind),
    C::Text("account", &R::account),
    C::Int("debit_minor", &R::debit_minor),
    C::Int("credit_minor", &R::credit_minor),
    C::Text("currency", &R::currency),
    C::Ref("request_id", &R::request_id),
    C::Ref("contribution_id", &R::contribution_id),
    C::Text("reverses", &R::reverses),
    C::Text("reason", &R::reason),
    C::Text("by_id", &R::by, &U::id),
    C::Text("by_username", &R::by, &U::username),
  }, {});
  return table;
}

}  // namespace srm::store::sql
