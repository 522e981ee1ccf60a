// Risk acceptance (SRM-METHOD.md sections 5 and 7a): who may sign a residual risk for an
// activity, what a signed acceptance must say, and whether one is still in force. Pure functions
// over plain values: the service gathers the facts (the signer's grants, the activity's PC
// assessment, the SRA in force, EGS decisions) and these decide, every outcome with a reason code.
//
//   below acceptance_from (High)     the published SRA's acceptability stands: nothing to sign
//   within the PC's limit, High      the organization's head in the country signs (an SMT member of
//                                    the organization whose grant covers the country), with a
//                                    current PC assessment
//   within the PC's limit, Very High the executive head's office of the organization signs
//   above the PC's limit             nobody: control, avoid, transfer or do not proceed (section 5)
//   Unacceptable                     never
//
// The security cell refers and recommends; it never accepts. Nobody accepts for an activity they
// personally run or travel on (separation of duties).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/decisions.h"
#include "domain/method.h"

namespace srm::domain {

enum class AcceptanceNeed {
  kNone,       // below the acceptance level: the SRA's acceptability stands
  kOrgHead,    // the organization's head in the country signs
  kExecutive,  // the executive head's office signs
  kNobody,     // above the PC's limit: nobody can accept
  kNever,      // Unacceptable: never
};
const char* AcceptanceNeedName(AcceptanceNeed n);

struct AcceptanceRule {
  AcceptanceNeed need = AcceptanceNeed::kNone;
  Reason reason;                     // codes: acceptance_not_required, acceptance_by_org_head,
                                     // acceptance_by_executive, acceptance_above_limit, acceptance_never
  std::vector<std::string> options;  // kNobody / kNever: the section 5 options
};

// Who may accept `residual` (risk index) for an activity of programme criticality `pc` (1..4).
AcceptanceRule AcceptanceNeeded(const MethodPack& m, int pc, int residual);

// The would-be signer, as the service found them.
struct SignerFacts {
  bool org_head_in_country = false;  // SMT member of the activity's organization, grant covering the country
  bool executive_office = false;     // executive head's office of the activity's organization
  bool security_cell = false;        // holds a security cell grant (refers and recommends)
  bool runs_activity = false;        // personally runs the activity (the programme's manager)
  bool travels_on = false;           // travels on, or requested, a trip the activity's programme serves
  bool separation_of_duties = true;  // the pack/server setting (default on)
  bool pc_assessment_current = false;  // the activity's PC rests on a current PC assessment
  bool egs_no_go = false;            // an EGS no-go is in force in the area
};

struct SignCheck {
  bool allowed = false;
  Reason reason;  // codes: signer_entitled, acceptance_not_required, acceptance_above_limit,
                  // acceptance_never, egs_no_go, own_activity, security_cell_recommends_only,
                  // not_org_head, executive_office_required, pc_assessment_not_current
};

// May this signer accept the risk under `rule`? The first failing rule answers.
SignCheck MaySign(const MethodPack& m, const AcceptanceRule& rule, const SignerFacts& s);

// What an acceptance says, checked before it is recorded.
struct AcceptanceTerms {
  std::string reasons, conditions;
  std::optional<int> expires_day;  // day number; required
};
struct TermsCheck {
  bool ok = false;
  std::string code, field, message;  // reasons_required, expiry_required, expiry_past, expiry_too_far
};
TermsCheck CheckTerms(const MethodPack& m, const AcceptanceTerms& t, int today);

// A recorded acceptance as the in-force rule sees it.
struct AcceptanceFacts {
  int residual = 0;     // the residual index it accepted
  int expires_day = 0;  // inclusive: in force through this day
  bool voided = false;  // a material change voided it (recorded)
};
struct InForce {
  bool in_force = false;
  Reason reason;  // codes: acceptance_in_force, acceptance_voided, acceptance_expired,
                  // acceptance_residual_higher, acceptance_egs_no_go
};
// Whether an acceptance still stands today against the residual the activity is judged at now.
// A material change voids it: a higher residual (a new SRA in force), an EGS no-go, expiry.
InForce AcceptanceInForce(const MethodPack& m, const AcceptanceFacts& a, int today, int residual_now, bool egs_no_go);

}  // namespace srm::domain
