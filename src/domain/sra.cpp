#include "domain/sra.h"

#include <algorithm>
#include <cstring>

namespace srm::domain {

const char* StatusName(SraStatus s) {
  switch (s) {
    case SraStatus::kDraft: return "draft";
    case SraStatus::kInReview: return "in_review";
    case SraStatus::kReviewed: return "reviewed";
    case SraStatus::kEndorsed: return "endorsed";
    case SraStatus::kPublished: return "published";
    case SraStatus::kReturned: return "returned";
    case SraStatus::kSuperseded: return "superseded";
  }
  return "draft";
}

std::optional<SraStatus> StatusFromName(std::string_view s) {
  for (auto st : {SraStatus::kDraft, SraStatus::kInReview, SraStatus::kReviewed, SraStatus::kEndorsed,
                  SraStatus::kPublished, SraStatus::kReturned, SraStatus::kSuperseded})
    if (s == StatusName(st)) return st;
  return std::nullopt;
}

const char* KindName(SraKind k) { return k == SraKind::kSpecific ? "specific" : "area"; }
std::optional<SraKind> KindFromName(std::string_view s) {
  if (s == "area") return SraKind::kArea;
  if (s == "specific") return SraKind::kSpecific;
  return std::nullopt;
}

const char* ActionName(Action a) {
  switch (a) {
    case Action::kSubmit: return "submit";
    case Action::kReview: return "review";
    case Action::kEndorse: return "endorse";
    case Action::kApprove: return "approve";
    case Action::kReturn: return "return";
  }
  return "submit";
}
std::optional<Action> ActionFromName(std::string_view s) {
  for (auto a : {Action::kSubmit, Action::kReview, Action::kEndorse, Action::kApprove, Action::kReturn})
    if (s == ActionName(a)) return a;
  return std::nullopt;
}

bool HasVulnerability(const Scenario& s) {
  return s.vulnerability.has_value() && !s.vulnerability->exposed.empty() &&
         !s.vulnerability->weaknesses.empty();
}

void Recompute(const MethodPack& m, Sra* sra) {
  sra->overall_threat.reset();
  for (auto& t : sra->threats) {
    t.level = ThreatLevel(m, t.intent, t.capability, t.inhibiting);
    sra->overall_threat = std::max(sra->overall_threat.value_or(0), t.level);
  }
  sra->overall_current.reset();
  sra->overall_residual.reset();
  for (auto& s : sra->scenarios) {
    s.current_level.reset();
    s.residual_level.reset();
    if (s.likelihood && s.impact) {
      s.current_level = RiskIndex(m, *s.likelihood, *s.impact);
      // Without a separate residual rating the measures have not changed the risk yet.
      int rl = s.residual_likelihood.value_or(*s.likelihood);
      int ri = s.residual_impact.value_or(*s.impact);
      s.residual_level = RiskIndex(m, rl, ri);
      sra->overall_current = std::max(sra->overall_current.value_or(-1), *s.current_level);
      sra->overall_residual = std::max(sra->overall_residual.value_or(-1), *s.residual_level);
    }
  }
}

Status ReadyToSubmit(const Sra& sra) {
  if (sra.scenarios.empty())
    return Unprocessable("scenarios_required", "an SRA needs at least one risk scenario before it leaves draft",
                         "scenarios");
  for (size_t i = 0; i < sra.scenarios.size(); ++i) {
    const Scenario& s = sra.scenarios[i];
    const std::string f = "scenarios[" + std::to_string(i) + "]";
    if (!HasVulnerability(s))
      return Unprocessable("vulnerability_required",
                           "scenario '" + s.title + "' has no vulnerability assessment: assess the vulnerability first",
                           f + ".vulnerability");
    if (!s.likelihood || !s.impact)
      return Unprocessable("rating_required", "scenario '" + s.title + "' is not rated (likelihood and impact)",
                           f + ".likelihood");
  }
  if (sra.scope.trigger.empty())
    return Unprocessable("trigger_required", "the scope must record the trigger of this SRA", "scope.trigger");
  return {};
}

std::optional<Role> RoleFor(Action a, SraStatus from) {
  switch (a) {
    case Action::kSubmit:
      if (from == SraStatus::kDraft || from == SraStatus::kReturned) return Role::kSecurityProfessional;
      return std::nullopt;
    case Action::kReview:
      if (from == SraStatus::kInReview) return Role::kSecurityCell;
      return std::nullopt;
    case Action::kEndorse:
      if (from == SraStatus::kReviewed) return Role::kSmt;
      return std::nullopt;
    case Action::kApprove:
      if (from == SraStatus::kEndorsed) return Role::kDssDesk;
      return std::nullopt;
    case Action::kReturn:
      // Any stage can send it back, by whoever holds that stage.
      if (from == SraStatus::kInReview) return Role::kSecurityCell;
      if (from == SraStatus::kReviewed) return Role::kSmt;
      if (from == SraStatus::kEndorsed) return Role::kDssDesk;
      return std::nullopt;
  }
  return std::nullopt;
}

Result<SraStatus> NextStatus(SraStatus from, Action a) {
  if (!RoleFor(a, from)) {
    std::string allowed;
    for (auto x : {Action::kSubmit, Action::kReview, Action::kEndorse, Action::kApprove, Action::kReturn})
      if (RoleFor(x, from)) allowed += std::string(allowed.empty() ? "" : ", ") + ActionName(x);
    return Conflict("transition_out_of_order", std::string("cannot ") + ActionName(a) + " an SRA that is " +
                                                   StatusName(from) +
                                                   (allowed.empty() ? "" : "; allowed: " + allowed));
  }
  switch (a) {
    case Action::kSubmit: return SraStatus::kInReview;
    case Action::kReview: return SraStatus::kReviewed;
    case Action::kEndorse: return SraStatus::kEndorsed;
    case Action::kApprove: return SraStatus::kPublished;
    case Action::kReturn: return SraStatus::kReturned;
  }
  return Internal("unreachable");
}

std::vector<SraStatus> StatusesAwaiting(Role role) {
  switch (role) {
    case Role::kSecurityProfessional: return {SraStatus::kDraft, SraStatus::kReturned};
    case Role::kSecurityCell: return {SraStatus::kInReview};
    case Role::kSmt: return {SraStatus::kReviewed};
    case Role::kDssDesk: return {SraStatus::kEndorsed};
    default: return {};
  }
}

Status ValidateScenario(const MethodPack& m, const Scenario& s) {
  if (s.title.empty()) return Invalid("required", "a scenario needs a title", "title");
  if (s.title.size() > 300) return Invalid("too_long", "title must be at most 300 characters", "title");
  if (!IsThreatCategory(m, s.threat_category))
    return Unprocessable("unknown_category", "unknown threat category '" + s.threat_category + "'",
                         "threat_category");
  const bool rated = s.likelihood || s.impact || s.residual_likelihood || s.residual_impact;
  if (rated && !HasVulnerability(s))
    return Unprocessable("vulnerability_required",
                         "assess the vulnerability first: a scenario cannot be rated before its vulnerability "
                         "(who/what is exposed and which weaknesses) is recorded",
                         "vulnerability");
  if (s.likelihood.has_value() != s.impact.has_value())
    return Unprocessable("incomplete_rating", "likelihood and impact are rated together",
                         s.likelihood ? "impact" : "likelihood");
  if ((s.residual_likelihood || s.residual_impact) && !s.likelihood)
    return Unprocessable("current_rating_required", "rate the current risk before the residual risk",
                         "likelihood");
  for (size_t i = 0; i < s.measures.size(); ++i) {
    const Measure& me = s.measures[i];
    const std::string f = "measures[" + std::to_string(i) + "]";
    if (me.type != "prevention" && me.type != "mitigation")
      return Invalid("invalid_value", "measure type must be prevention or mitigation", f + ".type");
    if (me.description.empty()) return Invalid("required", "a measure needs a description", f + ".description");
    if (!me.moss_category.empty() && !IsMossCategory(m, me.moss_category))
      return Unprocessable("unknown_category", "unknown MOSS/RSM category '" + me.moss_category + "'",
                           f + ".moss_category");
    if (!(me.cost >= 0) || me.cost > 1e12) return Invalid("out_of_range", "cost must be 0 or more", f + ".cost");
    if (me.status != "planned" && me.status != "in_progress" && me.status != "implemented")
      return Invalid("invalid_value", "status must be planned, in_progress or implemented", f + ".status");
  }
  return {};
}

Status ValidateSraContent(const MethodPack& m, const Sra& s) {
  if (s.title.empty()) return Invalid("required", "an SRA needs a title", "title");
  if (s.title.size() > 300) return Invalid("too_long", "title must be at most 300 characters", "title");
  if (!s.scope.trigger.empty() && !IsTrigger(m, s.scope.trigger))
    return Unprocessable("unknown_trigger", "unknown trigger '" + s.scope.trigger + "'", "scope.trigger");
  for (const auto& [key, text] : s.situation) {
    if (std::find(m.situation_fields.begin(), m.situation_fields.end(), key) == m.situation_fields.end())
      return Invalid("unknown_field", "unknown situation heading '" + key + "'", "situation." + key);
  }
  for (size_t i = 0; i < s.programmes.size(); ++i) {
    const auto& p = s.programmes[i];
    const std::string f = "programmes[" + std::to_string(i) + "]";
    if (p.pc < 1 || p.pc > 4) return Invalid("out_of_range", "pc must be 1-4", f + ".pc");
    if (p.international < 0 || p.national < 0 || p.on_mission < 0)
      return Invalid("out_of_range", "headcounts cannot be negative", f);
  }
  for (size_t i = 0; i < s.threats.size(); ++i) {
    const auto& t = s.threats[i];
    const std::string f = "threats[" + std::to_string(i) + "]";
    if (!IsThreatCategory(m, t.category))
      return Unprocessable("unknown_category", "unknown threat category '" + t.category + "'", f + ".category");
    for (auto [v, name] : {std::pair{t.intent, "intent"}, std::pair{t.capability, "capability"},
                           std::pair{t.inhibiting, "inhibiting"}})
      if (v < 1 || v > 5) return Invalid("out_of_range", std::string(name) + " must be 1-5", f + "." + name);
  }
  for (size_t i = 0; i < s.scenarios.size(); ++i) {
    auto st = ValidateScenario(m, s.scenarios[i]);
    if (!st) {
      Error e = st.error();
      e.field = "scenarios[" + std::to_string(i) + "]." + e.field;
      return std::unexpected(e);
    }
  }
  return {};
}

std::string ReviewDue(calendar::Day approved_on, int months) {
  const unsigned day_of_month = calendar::ToCivil(approved_on).day;
  const int past_the_28th = day_of_month > 28 ? static_cast<int>(day_of_month) - 28 : 0;
  const calendar::Day from = calendar::AddDays(approved_on, -past_the_28th);
  // Past the calendar's last year (a clock near 9999) the review is due on its last day.
  return calendar::FormatIsoDate(calendar::AddMonths(from, months).value_or(calendar::kLastDay));
}

}  // namespace srm::domain
