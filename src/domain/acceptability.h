// Acceptable risk against programme criticality (SRM-METHOD.md section 5). Pure functions.
#pragma once

#include <string>
#include <vector>

#include "domain/method.h"

namespace srm::domain {

enum class Decision { kProceed, kProceedWithMeasures, kNotAcceptable };
const char* DecisionName(Decision d);

struct Acceptability {
  bool acceptable = false;
  bool needs_pc_assessment = false;   // residual High or above
  bool needs_exec_approval = false;   // residual Very High
  bool never_acceptable = false;      // Unacceptable: never overridden
  Decision decision = Decision::kNotAcceptable;
  // The reason's code: "unacceptable" (never acceptable), "above_limit" or "within_limit".
  std::string code;
  std::string reason;                 // e.g. "residual High is above PC3's limit Medium"
  std::vector<std::string> options;   // when not acceptable: control, avoid, transfer, do not proceed
};

// pc is 1..4; residual and current are risk indexes 0..5. `current` lets the decision say
// whether the activity may proceed as is or only with the listed measures.
Acceptability AcceptableFor(const MethodPack& m, int pc, int residual, int current);

}  // namespace srm::domain
