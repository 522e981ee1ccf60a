#include "domain/acceptability.h"

namespace srm::domain {

const char* DecisionName(Decision d) {
  switch (d) {
    case Decision::kProceed: return "proceed";
    case Decision::kProceedWithMeasures: return "proceed_with_measures";
    case Decision::kNotAcceptable: return "not_acceptable";
  }
  return "not_acceptable";
}

Acceptability AcceptableFor(const MethodPack& m, int pc, int residual, int current) {
  Acceptability a;
  const std::string& level = m.risk_levels[residual];
  const int limit = m.pc_max_acceptable[pc - 1];
  const std::string pc_name = "PC" + std::to_string(pc);
  a.never_acceptable = residual >= m.never_acceptable_from;
  a.needs_pc_assessment = residual >= m.pc_assessment_from;
  a.needs_exec_approval = !a.never_acceptable && residual >= m.exec_approval_from;
  if (a.never_acceptable) {
    a.acceptable = false;
    a.code = "unacceptable";
    a.reason = "residual " + level + " is never acceptable, whatever the criticality (" + pc_name + "): no presence";
  } else if (residual > limit) {
    a.acceptable = false;
    a.code = "above_limit";
    a.reason = "residual " + level + " is above " + pc_name + "'s limit " + m.risk_levels[limit];
  } else {
    a.acceptable = true;
    a.code = "within_limit";
    a.reason = "residual " + level + " is within " + pc_name + "'s limit " + m.risk_levels[limit];
  }
  if (a.acceptable) {
    a.decision = current > residual ? Decision::kProceedWithMeasures : Decision::kProceed;
  } else {
    a.decision = Decision::kNotAcceptable;
    if (a.never_acceptable) {
      a.options = {"avoid", "do_not_proceed"};
    } else {
      a.options = {"control", "avoid", "transfer", "do_not_proceed"};
    }
  }
  return a;
}

}  // namespace srm::domain
