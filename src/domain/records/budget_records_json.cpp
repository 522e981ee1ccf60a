#include "domain/records/budget_records_json.h"

namespace srm::domain::records {

using nlohmann::json;

namespace {
json UserJson(const UserRef& u) {
  return u.id.empty() ? json(nullptr) : json{{"id", u.id}, {"username", u.username}};
}
json OptJson(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
}  // namespace

json ToJson(const BudgetLine& l) {
  return {{"id", l.id},
          {"sra_id", l.sra_id},
          {"measure_id", l.measure_id},
          {"service_code", l.service_code},
          {"quantity", l.quantity},
          {"funding_source", l.funding_source},
          {"description", l.description},
          {"price_list_id", l.price_list_id},
          {"unit_price_minor", l.unit_price_minor},
          {"regional_factor_permille", l.regional_factor_permille},
          {"amount_minor", l.amount_minor},
          {"added_by", UserJson(l.added_by)},
          {"added_at", l.added_at}};
}

json SummaryJson(const Budget& b) {
  return {{"id", b.id},
          {"country_id", b.country_id},
          {"year", b.year},
          {"currency", b.currency},
          {"reference_date", b.reference_date},
          {"status", b.status},
          {"total_minor", b.total_minor},
          {"line_count", b.lines.size()},
          {"rules",
           {{"minimum_share", std::to_string(b.minimum_num) + "/" + std::to_string(b.minimum_den)},
            {"max_decrease", std::to_string(b.decrease_num) + "/" + std::to_string(b.decrease_den)}}},
          {"drafted_by", UserJson(b.drafted_by)},
          {"endorsed_by", UserJson(b.endorsed_by)},
          {"endorsed_at", OptJson(b.endorsed_at)},
          {"approved_by", UserJson(b.approved_by)},
          {"approved_at", OptJson(b.approved_at)},
          {"created_at", b.created_at},
          {"updated_at", b.updated_at},
          {"revision", b.revision}};
}

json ToJson(const Budget& b) {
  json j = SummaryJson(b);
  json lines = json::array(), heads = json::array(), shares = json::array(), history = json::array();
  for (const BudgetLine& l : b.lines) lines.push_back(ToJson(l));
  for (const BudgetHeadcount& h : b.headcounts)
    heads.push_back({{"organization_id", h.organization_id}, {"headcount", h.headcount}});
  for (const BudgetShare& s : b.shares)
    shares.push_back({{"organization_id", s.organization_id}, {"amount_minor", s.amount_minor}, {"basis", s.basis}});
  for (const BudgetHistoryEntry& h : b.history)
    history.push_back(
        {{"at", h.at}, {"action", h.action}, {"by", h.by}, {"role", h.role}, {"comment", h.comment}});
  j["lines"] = std::move(lines);
  j["headcounts"] = std::move(heads);
  j["approved_shares"] = std::move(shares);
  j["history"] = std::move(history);
  return j;
}

}  // namespace srm::domain::records
