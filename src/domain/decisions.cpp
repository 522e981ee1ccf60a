#include "domain/decisions.h"

#include <algorithm>

#include "core/calendar.h"
#include "domain/acceptability.h"

namespace srm::domain {

// ---- dates ----

std::optional<int> DayNumber(std::string_view s) { return calendar::ParseIsoDate(s); }

std::string DayString(int day) { return calendar::FormatIsoDate(day); }

// ---- EGS ----

std::optional<EgsDecision> NoGoInForce(const std::vector<EgsDecision>& decisions, int from_day, int to_day) {
  // Only decisions overlapping the window matter; order them oldest first so a later one wins.
  std::vector<const EgsDecision*> relevant;
  bool any_no_go = false;
  for (const auto& d : decisions) {
    if (d.to_day < from_day || d.from_day > to_day || d.from_day > d.to_day) continue;
    relevant.push_back(&d);
    any_no_go = any_no_go || d.no_go;
  }
  if (!any_no_go) return std::nullopt;
  std::stable_sort(relevant.begin(), relevant.end(), [](const EgsDecision* a, const EgsDecision* b) {
    return a->decided_at != b->decided_at ? a->decided_at < b->decided_at : a->id < b->id;
  });
  // Walk the days of the window where some decision starts or ends: the state only changes there.
  std::vector<int> points{from_day};
  for (const auto* d : relevant) {
    if (d->from_day > from_day) points.push_back(d->from_day);
    if (d->to_day + 1 <= to_day) points.push_back(d->to_day + 1);
  }
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  for (int day : points) {
    const EgsDecision* in_force = nullptr;
    for (const auto* d : relevant)
      if (d->from_day <= day && day <= d->to_day) in_force = d;  // the latest covering the day
    if (in_force && in_force->no_go) return *in_force;
  }
  return std::nullopt;
}

// ---- activity ----

const char* ActivityOutcomeName(ActivityOutcome o) {
  switch (o) {
    case ActivityOutcome::kProceed: return "proceed";
    case ActivityOutcome::kProceedWithMeasures: return "proceed_with_measures";
    case ActivityOutcome::kNotAcceptable: return "not_acceptable";
    case ActivityOutcome::kPending: return "pending";
  }
  return "not_acceptable";
}

std::string OptionDetail(std::string_view option) {
  if (option == "control") return "control: add or strengthen measures until the residual risk is within the limit";
  if (option == "avoid")
    return "avoid: an alternative modality (remote, partners), relocation or evacuation, decided by the DO";
  if (option == "transfer") return "transfer: have the activity delivered by a party able to bear the risk";
  if (option == "do_not_proceed") return "do not proceed with the activity";
  return std::string(option);
}

ActivityDecision DecideActivity(const MethodPack& m, const ActivityInput& in) {
  ActivityDecision d;
  const std::string pc_name = "PC" + std::to_string(in.pc);
  if (in.egs_no_go) {
    d.outcome = ActivityOutcome::kNotAcceptable;
    d.reasons.push_back({"egs_no_go", "the Executive Group on Security decided no-go for this area from " +
                                          DayString(in.egs_no_go->from_day) + " to " +
                                          DayString(in.egs_no_go->to_day) + " (" + in.egs_no_go->id +
                                          "); it overrides every decision below it"});
    d.options = {"avoid", "do_not_proceed"};
    return d;
  }
  if (!in.residual) {
    d.outcome = ActivityOutcome::kPending;
    d.reasons.push_back({"no_sra", "the area has no published SRA: acceptable risk cannot be decided without one"});
    d.missing.push_back("published_sra");
    return d;
  }
  const int residual = *in.residual;
  const int current = in.current.value_or(residual);
  const Acceptability a = AcceptableFor(m, in.pc, residual, current);
  d.needs_pc_assessment = a.needs_pc_assessment;
  d.needs_exec_approval = a.needs_exec_approval;
  d.never_acceptable = a.never_acceptable;
  d.reasons.push_back({a.code, a.reason});
  if (!a.acceptable) {
    d.outcome = ActivityOutcome::kNotAcceptable;
    d.options = a.options;
    if (a.never_acceptable)
      d.reasons.push_back({"never_overridden", "no approval, assessment or measure can override an Unacceptable residual risk"});
    return d;
  }
  if (!in.sra_current) {
    d.missing.push_back("current_sra");
    d.reasons.push_back({"sra_expired", "the SRA is past its review date: it must be reviewed before the decision stands"});
  }
  if (a.needs_pc_assessment) {
    if (in.pc_assessed) {
      d.reasons.push_back({"pc_assessed", "a PC assessment is recorded for the activity (" + pc_name + ")"});
    } else {
      d.missing.push_back("pc_assessment");
      d.reasons.push_back({"pc_assessment_required", "residual " + m.risk_levels[residual] +
                                                         " requires a recorded PC assessment of the activity"});
    }
  }
  d.needs_acceptance = residual >= m.acceptance_from;
  if (d.needs_acceptance) {
    if (in.acceptance_in_force) {
      d.reasons.push_back({"accepted", "a signed acceptance of the " + m.risk_levels[residual] +
                                           " residual risk is in force for the activity"});
    } else {
      d.missing.push_back("acceptance");
      d.reasons.push_back({"acceptance_required", "residual " + m.risk_levels[residual] +
                                                      " needs a signed acceptance within " + pc_name + "'s limit"});
    }
  }
  // At the acceptance level the signed acceptance (by the executive office at Very High) is the approval.
  if (a.needs_exec_approval && !d.needs_acceptance) {
    if (in.exec_approved) {
      d.reasons.push_back({"exec_approved", "the executive head's office approved the " + m.risk_levels[residual] +
                                                " residual risk"});
    } else {
      d.missing.push_back("exec_approval");
      d.reasons.push_back({"exec_approval_required", "residual " + m.risk_levels[residual] +
                                                         " needs the approval of the executive head's office"});
    }
  }
  if (!d.missing.empty()) {
    d.outcome = ActivityOutcome::kPending;
    return d;
  }
  if (current > residual) {
    d.outcome = ActivityOutcome::kProceedWithMeasures;
    d.reasons.push_back({"measures_required", "current risk " + m.risk_levels[current] +
                                                  " is brought down to " + m.risk_levels[residual] +
                                                  " only by the SRA's measures: proceed with them in place"});
  } else {
    d.outcome = ActivityOutcome::kProceed;
  }
  return d;
}

// ---- clearance leg ----

const char* LegOutcomeName(LegOutcome o) {
  switch (o) {
    case LegOutcome::kCleared: return "cleared";
    case LegOutcome::kReferred: return "referred";
    case LegOutcome::kBlocked: return "blocked";
  }
  return "referred";
}

namespace {

std::string ApproverFor(const MethodPack& m, int residual) {
  return residual >= m.exec_approval_from ? "executive_office" : "dss_security_adviser";
}

}  // namespace

LegDecision DecideLeg(const MethodPack& m, const LegInput& in) {
  LegDecision d;
  const std::string pc_name = "PC" + std::to_string(in.pc);
  const std::string window = DayString(in.from_day) + " to " + DayString(in.to_day);
  auto decide = [&](LegOutcome o, std::string rule, std::string code, std::string message) {
    d.outcome = o;
    d.rule = std::move(rule);
    d.reasons.push_back({std::move(code), std::move(message)});
    return d;
  };

  // 1. The EGS overrides everything below it.
  if (auto no_go = NoGoInForce(in.egs, in.from_day, in.to_day)) {
    d.egs_id = no_go->id;
    return decide(LegOutcome::kBlocked, "egs_no_go", "egs_no_go",
                  "the Executive Group on Security decided no-go for this area from " + DayString(no_go->from_day) +
                      " to " + DayString(no_go->to_day) + " (" + no_go->id +
                      "); it overrides every rule below it and no approver can clear the leg");
  }
  d.reasons.push_back({"no_egs_no_go", "no Executive Group on Security no-go covers " + window});
  if (in.pc_basis) d.reasons.push_back(*in.pc_basis);

  // 2. A published SRA, current on every day of the leg.
  if (!in.area_sra) {
    d.approver_role = "dss_security_adviser";
    return decide(LegOutcome::kReferred, "no_sra", "no_sra",
                  "the area has no published SRA: clearance cannot be automatic and is referred to the approver");
  }
  const AreaSraFacts& sra = *in.area_sra;
  d.sra_id = sra.sra_id;
  {
    const auto from = DayNumber(sra.period_from), to = DayNumber(sra.period_to);
    const bool starts_later = !sra.period_from.empty() && (!from || *from > in.from_day);
    const bool ends_earlier = !sra.period_to.empty() && (!to || *to < in.to_day);
    if (starts_later || ends_earlier) {
      d.approver_role = "dss_security_adviser";
      return decide(LegOutcome::kReferred, "sra_out_of_period", "sra_out_of_period",
                    "the area's SRA " + sra.sra_id + " covers " + (sra.period_from.empty() ? "…" : sra.period_from) +
                        " to " + (sra.period_to.empty() ? "…" : sra.period_to) + ", not every day of " + window +
                        ": the leg is not decided against it");
    }
  }
  if (!sra.review_due.empty()) {
    const auto due = DayNumber(sra.review_due);
    if (!due || *due < in.to_day) {
      d.approver_role = "dss_security_adviser";
      return decide(LegOutcome::kReferred, "sra_expired", "sra_expired",
                    "the area's SRA " + sra.sra_id + " is due for review on " + sra.review_due +
                        ", before the leg ends on " + DayString(in.to_day) + ": it is not current for the leg");
    }
    d.reasons.push_back({"sra_current", "the area's published SRA " + sra.sra_id + " is current (review due " +
                                            sra.review_due + ")"});
  } else {
    d.reasons.push_back({"sra_current", "the area's published SRA " + sra.sra_id + " is current"});
  }

  // 3. Unacceptable is never overridden.
  int residual = sra.residual;
  d.residual = residual;
  if (residual >= m.never_acceptable_from)
    return decide(LegOutcome::kBlocked, "unacceptable", "unacceptable",
                  "the area's residual risk is " + m.risk_levels[residual] +
                      ": no presence, and no approval can override it");

  // 4. Very High: only with an approved specific SRA for the mission.
  if (residual >= m.exec_approval_from) {
    if (!in.specific) {
      return decide(LegOutcome::kBlocked, "specific_sra_required", "specific_sra_required",
                    "the area's residual risk is " + m.risk_levels[residual] +
                        ": a mission is cleared only with a specific SRA for it, coordinated with the agency HQ "
                        "security office and approved by the executive head's office");
    }
    const SpecificSraFacts& s = *in.specific;
    if ((s.from_day && *s.from_day > in.from_day) || (s.to_day && *s.to_day < in.to_day)) {
      return decide(LegOutcome::kBlocked, "specific_sra_out_of_scope", "specific_sra_out_of_scope",
                    "the approved specific SRA " + s.sra_id + " does not cover " + window);
    }
    d.specific_sra_id = s.sra_id;
    d.reasons.push_back({"specific_sra_approved", "area residual " + m.risk_levels[residual] +
                                                      "; the mission's specific SRA " + s.sra_id +
                                                      " is approved by the executive head's office (" +
                                                      s.approval_id + ") with residual " +
                                                      m.risk_levels[s.residual]});
    residual = s.residual;
    d.residual = residual;
    if (residual >= m.never_acceptable_from)
      return decide(LegOutcome::kBlocked, "unacceptable", "unacceptable",
                    "the specific SRA's residual risk is " + m.risk_levels[residual] + ": never acceptable");
  }

  // 5. Acceptable for the PC?
  const Acceptability a = AcceptableFor(m, in.pc, residual, residual);
  if (!a.acceptable) {
    // Risk above the PC's limit is acceptable to nobody (SRM-METHOD.md §5): no approver can clear
    // it; the options are more measures, avoidance, transfer or not travelling.
    return decide(LegOutcome::kBlocked, "not_acceptable", "not_acceptable",
                  a.reason + ": risk above " + pc_name +
                      "'s limit is acceptable to nobody (control, avoid, transfer or do not proceed)");
  }
  d.reasons.push_back({"within_limit", a.reason});
  if (a.needs_pc_assessment && !in.pc_assessed) {
    d.approver_role = ApproverFor(m, residual);
    return decide(LegOutcome::kReferred, "pc_assessment_required", "pc_assessment_required",
                  "residual " + m.risk_levels[residual] + " requires the activity's " + pc_name +
                      " to rest on a recorded PC assessment; none is recorded, so the leg is referred");
  }
  // 6. From the acceptance level (High) a residual within the limit stands only with the activity's
  // signed risk acceptance (SRM-METHOD.md 7a). An approved specific SRA already carries the
  // executive head's office's approval of the mission's risk, which stands above it.
  if (residual >= m.acceptance_from && d.specific_sra_id.empty()) {
    if (!in.acceptance_in_force) {
      d.approver_role = "dss_security_adviser";
      return decide(LegOutcome::kReferred, "acceptance_required", "acceptance_required",
                    "residual " + m.risk_levels[residual] + " is within " + pc_name +
                        "'s limit but needs the activity's signed risk acceptance (the organization's head in the "
                        "country); none is in force over " + window + ", so the leg is referred until one is");
    }
    d.reasons.push_back({"acceptance_in_force", "the activity's signed risk acceptance of residual " +
                                                    m.risk_levels[residual] + " is in force over " + window});
  }
  return decide(LegOutcome::kCleared, "cleared", "cleared",
                "cleared automatically for " + window);
}

}  // namespace srm::domain
