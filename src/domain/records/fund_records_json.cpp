#include "domain/records/fund_records_json.h"

namespace srm::domain::records {

using nlohmann::json;

namespace {
json User(const UserRef& u) { return u.id.empty() && u.username.empty() ? json(nullptr) : json{{"id", u.id}, {"username", u.username}}; }
json Opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }
json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
}  // namespace

json ToJson(const FundAuthority& a) {
  return {{"id", a.id},
          {"role", a.role},
          {"limit_minor", a.unlimited ? json(nullptr) : json(a.limit_minor)},
          {"unlimited", a.unlimited},
          {"label", a.label}};
}

json ToJson(const FundAccount& a) {
  return {{"currency", a.currency},
          {"contributions_minor", a.contributions_minor},
          {"available_minor", a.available_minor},
          {"committed_minor", a.committed_minor},
          {"disbursed_minor", a.disbursed_minor},
          {"movements", a.movements},
          {"updated_at", a.updated_at}};
}

json ToJson(const FundContribution& c, bool with_conditions) {
  json j{{"id", c.id},
         {"donor", c.donor_org_id},
         {"amount_minor", c.amount_minor},
         {"currency", c.currency},
         {"earmark", OrNull(c.earmark)},
         {"recorded_by", User(c.recorded_by)},
         {"movement_id", c.movement_id},
         {"reversed_by", OrNull(c.reversed_by)},
         {"created_at", c.created_at}};
  if (with_conditions) j["conditions"] = OrNull(c.conditions);
  return j;
}

json ToJson(const FundRequest& r) {
  return {{"id", r.id},
          {"area_id", r.area_id},
          {"country_id", r.country_id},
          {"organization_id", r.organization_id},
          {"purpose", r.purpose},
          {"amount_minor", r.amount_minor},
          {"currency", r.currency},
          {"days", r.days},
          {"basis", {{"kind", r.basis_kind}, {"id", r.basis_id}}},
          {"routed_to", r.routed_to},
          {"authority_id", r.authority_id},
          {"status", r.status},
          {"requested_by", User(r.requested_by)},
          {"submitted_at", r.submitted_at},
          {"decided_by", User(r.decided_by)},
          {"decided_at", Opt(r.decided_at)},
          {"decision_reason", OrNull(r.decision_reason)},
          {"disbursed_minor", r.disbursed_minor},
          {"returned_minor", r.returned_minor},
          {"committed_remaining_minor", r.status == "approved" ? r.amount_minor - r.disbursed_minor : 0},
          {"updated_at", r.updated_at},
          {"revision", r.revision}};
}

json ToJson(const FundLedgerEntry& e) {
  return {{"id", e.id},
          {"movement_id", e.movement_id},
          {"seq", e.seq},
          {"at", e.at},
          {"kind", e.kind},
          {"account", e.account},
          {"debit_minor", e.debit_minor},
          {"credit_minor", e.credit_minor},
          {"currency", e.currency},
          {"request_id", OrNull(e.request_id)},
          {"contribution_id", OrNull(e.contribution_id)},
          {"reverses", OrNull(e.reverses)},
          {"reason", OrNull(e.reason)},
          {"by", User(e.by)}};
}

json ToJson(const std::vector<FundLedgerEntry>& entries) {
  json a = json::array();
  for (const auto& e : entries) a.push_back(ToJson(e));
  return a;
}

}  // namespace srm::domain::records
