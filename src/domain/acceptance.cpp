#include "domain/acceptance.h"

#include "domain/acceptability.h"

namespace srm::domain {

const char* AcceptanceNeedName(AcceptanceNeed n) {
  switch (n) {
    case AcceptanceNeed::kNone: return "none";
    case AcceptanceNeed::kOrgHead: return "org_head";
    case AcceptanceNeed::kExecutive: return "executive_office";
    case AcceptanceNeed::kNobody: return "nobody";
    case AcceptanceNeed::kNever: return "never";
  }
  return "never";
}

AcceptanceRule AcceptanceNeeded(const MethodPack& m, int pc, int residual) {
  AcceptanceRule r;
  const std::string level = m.risk_levels[residual];
  const std::string pc_name = "PC" + std::to_string(pc);
  const Acceptability a = AcceptableFor(m, pc, residual, residual);
  if (a.never_acceptable) {
    r.need = AcceptanceNeed::kNever;
    r.reason = {"acceptance_never", "residual " + level + " is never acceptable: nobody can accept it"};
    r.options = a.options;
  } else if (!a.acceptable) {
    r.need = AcceptanceNeed::kNobody;
    r.reason = {"acceptance_above_limit", a.reason + ": nobody can accept it; control, avoid, transfer or do not proceed"};
    r.options = a.options;
  } else if (residual < m.acceptance_from) {
    r.need = AcceptanceNeed::kNone;
    r.reason = {"acceptance_not_required", "residual " + level + " is below " + m.risk_levels[m.acceptance_from] +
                                               ": the published SRA's acceptability stands"};
  } else if (residual >= m.exec_approval_from) {
    r.need = AcceptanceNeed::kExecutive;
    r.reason = {"acceptance_by_executive", "residual " + level + " within " + pc_name +
                                               "'s limit is accepted by the executive head's office"};
  } else {
    r.need = AcceptanceNeed::kOrgHead;
    r.reason = {"acceptance_by_org_head", "residual " + level + " within " + pc_name +
                                              "'s limit is accepted by the organization's head in the country"};
  }
  return r;
}

SignCheck MaySign(const MethodPack&, const AcceptanceRule& rule, const SignerFacts& s) {
  auto no = [](std::string code, std::string message) { return SignCheck{false, {std::move(code), std::move(message)}}; };
  switch (rule.need) {
    case AcceptanceNeed::kNone:
      return no("acceptance_not_required", rule.reason.message);
    case AcceptanceNeed::kNobody:
    case AcceptanceNeed::kNever:
      return no(rule.reason.code, rule.reason.message);
    case AcceptanceNeed::kOrgHead:
    case AcceptanceNeed::kExecutive:
      break;
  }
  if (s.egs_no_go)
    return no("egs_no_go", "an Executive Group on Security no-go is in force in the area: no acceptance can stand");
  // Separation of duties: one code for both (the UI explains it once), the message says which.
  if (s.separation_of_duties && s.runs_activity)
    return no("own_activity", "nobody accepts a risk for an activity they personally run: you run this activity");
  if (s.separation_of_duties && s.travels_on)
    return no("own_activity", "nobody accepts a risk for an activity they personally run or travel on");
  const bool entitled =
      rule.need == AcceptanceNeed::kExecutive ? s.executive_office : s.org_head_in_country;
  if (!entitled) {
    if (s.security_cell)
      return no("security_cell_recommends_only", "the security cell refers and recommends; it does not accept risk");
    if (rule.need == AcceptanceNeed::kExecutive)
      return no("executive_office_required",
                "a Very High residual is accepted only by the executive head's office of the activity's organization");
    return no("not_org_head",
              "only the organization's head in the country (an SMT member of the activity's organization whose "
              "grant covers the country) accepts this risk");
  }
  if (!s.pc_assessment_current)
    return no("pc_assessment_not_current", "the activity's programme criticality must rest on a current PC assessment");
  return SignCheck{true, {"signer_entitled", rule.need == AcceptanceNeed::kExecutive
                                                 ? "signed by the executive head's office of the organization"
                                                 : "signed by the organization's head in the country"}};
}

TermsCheck CheckTerms(const MethodPack& m, const AcceptanceTerms& t, int today) {
  auto blank = [](const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; };
  if (blank(t.reasons)) return {false, "reasons_required", "reasons", "an acceptance says why the risk is accepted"};
  if (!t.expires_day) return {false, "expiry_required", "expires_on", "an acceptance has an expiry date"};
  if (*t.expires_day < today) return {false, "expiry_past", "expires_on", "the expiry date is in the past"};
  if (*t.expires_day > today + m.acceptance_max_days)
    return {false, "expiry_too_far", "expires_on",
            "an acceptance runs at most " + std::to_string(m.acceptance_max_days) + " days (until " +
                DayString(today + m.acceptance_max_days) + ")"};
  return {true, "", "", ""};
}

InForce AcceptanceInForce(const MethodPack& m, const AcceptanceFacts& a, int today, int residual_now, bool egs_no_go) {
  if (a.voided) return {false, {"acceptance_voided", "a material change voided the acceptance: it must be asked again"}};
  if (egs_no_go)
    return {false, {"acceptance_egs_no_go", "an Executive Group on Security no-go is in force: the acceptance no longer stands"}};
  if (today > a.expires_day)
    return {false, {"acceptance_expired", "the acceptance expired on " + DayString(a.expires_day)}};
  if (residual_now > a.residual)
    return {false, {"acceptance_residual_higher", "the residual is now " + m.risk_levels[residual_now] +
                                                      ", above the " + m.risk_levels[a.residual] + " accepted"}};
  return {true, {"acceptance_in_force", "accepted until " + DayString(a.expires_day)}};
}

}  // namespace srm::domain
