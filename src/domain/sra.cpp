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
    if (t.not_applicable) continue;  // a category that does not apply does not raise the overall level
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

namespace {

constexpr int64_t kMaxCostMinor = 100'000'000'000'000;  // 10^14 minor units: a trillion dollars

bool Blank(std::string_view t) { return t.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// The workflow step an action performs from a status: a return is done by the holder of that
// stage, so it counts as that stage's step.
Action StepOf(Action a, std::string_view from) {
  if (a != Action::kReturn) return a;
  if (from == "in_review") return Action::kReview;
  if (from == "reviewed") return Action::kEndorse;
  return Action::kApprove;
}

}  // namespace

std::vector<MissingPiece> MissingToSubmit(const MethodPack& m, const Sra& sra) {
  std::vector<MissingPiece> out;
  auto miss = [&out](std::string code, std::string field, std::string message) {
    out.push_back({std::move(code), std::move(field), std::move(message)});
  };
  if (sra.scenarios.empty()) miss("scenarios_required", "scenarios", "an SRA needs at least one risk scenario");
  // Measures are needed where the current risk is above what even the least critical programme
  // may accept (PC4's limit, the lowest acceptable level).
  const int lowest_acceptable = *std::min_element(m.pc_max_acceptable.begin(), m.pc_max_acceptable.end());
  for (size_t i = 0; i < sra.scenarios.size(); ++i) {
    const Scenario& s = sra.scenarios[i];
    const std::string f = "scenarios[" + std::to_string(i) + "]";
    if (!HasVulnerability(s)) {
      miss("vulnerability_required", f + ".vulnerability",
           "scenario '" + s.title + "' has no vulnerability assessment: assess the vulnerability first");
      continue;  // rule zero: nothing below can be judged before the vulnerability
    }
    if (!s.likelihood || !s.impact) {
      miss("rating_required", f + ".likelihood", "scenario '" + s.title + "' is not rated (likelihood and impact)");
      continue;
    }
    const int l = *s.likelihood, im = *s.impact;
    const int rl = s.residual_likelihood.value_or(l), ri = s.residual_impact.value_or(im);
    if (RiskIndex(m, l, im) > lowest_acceptable && s.measures.empty())
      miss("measures_required", f + ".measures",
           "scenario '" + s.title + "' is above the lowest acceptable level and has no SRM measure");
    if (rl > l)
      miss("residual_above_current", f + ".residual_likelihood",
           "the residual likelihood of '" + s.title + "' is above its current likelihood: measures only lower risk");
    if (ri > im)
      miss("residual_above_current", f + ".residual_impact",
           "the residual impact of '" + s.title + "' is above its current impact: measures only lower risk");
    auto has = [&s](std::string_view type) {
      return std::any_of(s.measures.begin(), s.measures.end(), [&](const Measure& me) { return me.type == type; });
    };
    if (m.residual_justification == "any_measure") {
      if ((rl < l || ri < im) && s.measures.empty())
        miss("residual_unjustified", f + ".measures",
             "the residual risk of '" + s.title + "' is below its current risk but no measure lowers it");
    } else {
      if (rl < l && !has("prevention"))
        miss("prevention_measure_required", f + ".residual_likelihood",
             "a lower residual likelihood for '" + s.title + "' needs a prevention measure");
      if (ri < im && !has("mitigation"))
        miss("mitigation_measure_required", f + ".residual_impact",
             "a lower residual impact for '" + s.title + "' needs a mitigation measure");
    }
  }
  if (sra.scope.trigger.empty()) miss("trigger_required", "scope.trigger", "the scope must record the trigger of this SRA");
  if (sra.scope.from_date.empty() || sra.scope.to_date.empty())
    miss("period_required", sra.scope.from_date.empty() ? "scope.from_date" : "scope.to_date",
         "the scope must give the period the SRA covers");
  if (std::all_of(sra.situation.begin(), sra.situation.end(), [](const auto& kv) { return Blank(kv.second); }))
    miss("situation_required", "situation", "the situation analysis is empty");
  for (const auto& c : m.threat_categories) {
    auto it = std::find_if(sra.threats.begin(), sra.threats.end(),
                           [&](const ThreatRating& t) { return t.category == c.key; });
    if (it == sra.threats.end()) {
      miss("threat_assessment_required", "threats." + c.key,
           "threat category '" + c.name + "' is neither rated nor marked not applicable with a reason");
    } else if (it->not_applicable && Blank(it->not_applicable_reason)) {
      miss("not_applicable_reason_required",
           "threats[" + std::to_string(it - sra.threats.begin()) + "].not_applicable_reason",
           "say why threat category '" + c.name + "' does not apply");
    }
  }
  return out;
}

Status ReadyToSubmit(const MethodPack& m, const Sra& sra) {
  const auto missing = MissingToSubmit(m, sra);
  if (missing.empty()) return {};
  // The first piece names the error (rule zero comes first); the API lists every piece.
  return Unprocessable(missing.front().code,
                       missing.front().message + " (" + std::to_string(missing.size()) +
                           " missing piece(s) before the SRA can leave draft)",
                       missing.front().field);
}

std::optional<Action> EarlierStepBy(const Sra& sra, const std::string& user, Action a, SraStatus from) {
  const Action step = StepOf(a, StatusName(from));
  if (!sra.created_by.empty() && sra.created_by == user && step != Action::kSubmit) return Action::kSubmit;
  for (const auto& h : sra.history) {
    if (h.by != user) continue;
    auto done = ActionFromName(h.action);
    if (!done) continue;  // "supersede" and other bookkeeping entries are not steps
    const Action earlier = StepOf(*done, h.from);
    if (earlier != step) return earlier;
  }
  return std::nullopt;
}

SraValidity ValidityOn(const Sra& s, std::string_view day) {
  SraValidity v;
  const std::string& to = s.scope.to_date;
  const std::string& review = s.review_due;
  v.valid_until = to.empty() ? review : review.empty() ? to : std::min(to, review);
  if (s.status == SraStatus::kSuperseded) {
    v.reason = "superseded";
    return v;
  }
  if (s.status != SraStatus::kPublished) {
    v.reason = "not_published";
    return v;
  }
  v.in_force = true;
  const bool after_period = !to.empty() && day > to;
  const bool after_review = !review.empty() && day > review;
  if (!s.scope.from_date.empty() && day < s.scope.from_date) v.reason = "period_not_started";
  else if (after_period && after_review) v.reason = to <= review ? "period_ended" : "review_overdue";
  else if (after_period) v.reason = "period_ended";
  else if (after_review) v.reason = "review_overdue";
  else {
    v.current = true;
    v.reason = "current";
  }
  return v;
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
    if (me.cost_minor < 0 || me.cost_minor > kMaxCostMinor)
      return Invalid("out_of_range", "cost_minor must be between 0 and 10^14 minor units", f + ".cost_minor");
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
    const ThreatCategory* c = FindThreatCategory(m, t.category);
    if (!c) return Unprocessable("unknown_category", "unknown threat category '" + t.category + "'", f + ".category");
    if (t.not_applicable) continue;
    // Each factor under the category's own name (hazards: frequency, magnitude, preparedness).
    for (auto [v, name] : {std::pair{t.intent, c->factors[0]}, std::pair{t.capability, c->factors[1]},
                           std::pair{t.inhibiting, c->factors[2]}})
      if (v < 1 || v > 5) return Invalid("out_of_range", name + " must be 1-5", f + "." + name);
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
