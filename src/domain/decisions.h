// The decisions that rest on the SRA (SRM-METHOD.md sections 5 and 7): the acceptable-risk
// decision per programme activity, the security clearance decision per itinerary leg, and the
// Executive Group on Security (EGS) go/no-go that overrides both. Pure functions over plain
// values: the service gathers the facts (which SRA is current, which EGS decisions and specific
// SRA approvals exist) and these functions decide, each decision with the list of its reasons.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/method.h"

namespace srm::domain {

// ---- dates (YYYY-MM-DD, proleptic Gregorian, UTC) ----

// Days since 1970-01-01; nullopt when the text is not a valid calendar date in core/calendar's
// years. Thin names over core/calendar (ParseIsoDate, FormatIsoDate) kept for existing callers.
std::optional<int> DayNumber(std::string_view ymd);
std::string DayString(int day);

// One reason of a decision: a machine-readable code and a sentence for people.
struct Reason {
  std::string code;
  std::string message;
};

// ---- Executive Group on Security ----

// A go/no-go decision of the EGS for an area and a window of days. The latest decision covering
// a day decides that day: a later "go" lifts an earlier "no_go" for the days it covers.
struct EgsDecision {
  std::string id;
  bool no_go = true;
  int from_day = 0, to_day = 0;  // inclusive
  std::string decided_at;        // RFC 3339; orders decisions ("" sorts first)
};

// The no-go decision in force on some day of [from_day, to_day], or nullopt when no day of the
// window is under a no-go. When several apply, the one in force on the earliest such day.
std::optional<EgsDecision> NoGoInForce(const std::vector<EgsDecision>& decisions, int from_day, int to_day);

// ---- the acceptable-risk decision per activity (section 5) ----

enum class ActivityOutcome { kProceed, kProceedWithMeasures, kNotAcceptable, kPending };
const char* ActivityOutcomeName(ActivityOutcome o);

struct ActivityInput {
  int pc = 4;                    // 1..4
  std::optional<int> residual;   // overall residual of the area's published SRA (index 0..5); none = no SRA
  std::optional<int> current;    // overall current risk of that SRA
  bool sra_current = true;       // false when the SRA is past its review date
  bool pc_assessed = false;      // a PC assessment is recorded for the activity
  bool exec_approved = false;    // the executive head's office approved this residual level
  std::optional<EgsDecision> egs_no_go;  // an EGS no-go in force in the area
  // A signed risk acceptance in force for this residual (domain/acceptance.h). From the pack's
  // acceptance level it is required; at Very High it is the executive office's signature, so it
  // also stands for the executive approval.
  bool acceptance_in_force = false;
};

struct ActivityDecision {
  ActivityOutcome outcome = ActivityOutcome::kNotAcceptable;
  std::vector<Reason> reasons;
  // When not acceptable: "control" (more measures), "avoid" (alternative modality, relocation,
  // evacuation, decided by the DO), "transfer", "do_not_proceed".
  std::vector<std::string> options;
  // When pending: what is missing ("published_sra", "current_sra", "pc_assessment", "exec_approval",
  // "acceptance").
  std::vector<std::string> missing;
  bool needs_pc_assessment = false;   // residual High or above
  bool needs_exec_approval = false;   // residual Very High
  bool never_acceptable = false;      // residual Unacceptable: no presence, never overridden
  bool needs_acceptance = false;      // residual at or above the pack's acceptance level, within the limit
};

ActivityDecision DecideActivity(const MethodPack& m, const ActivityInput& in);
// A sentence explaining an option key.
std::string OptionDetail(std::string_view option);

// ---- the security clearance decision per itinerary leg (section 7) ----

enum class LegOutcome { kCleared, kReferred, kBlocked };
const char* LegOutcomeName(LegOutcome o);

// The area's published area SRA, as the decision sees it.
struct AreaSraFacts {
  std::string sra_id;
  int residual = 0;        // overall residual index
  std::string review_due;  // YYYY-MM-DD; "" = no review date
  // Its scope period (YYYY-MM-DD, "" = open): a leg is decided against it only for days inside it.
  std::string period_from, period_to;
};

// An approved specific SRA for the request's mission in the leg's area.
struct SpecificSraFacts {
  std::string sra_id;
  std::string approval_id;
  int residual = 0;        // the specific SRA's own overall residual (mission measures included)
  std::optional<int> from_day, to_day;  // its scope window, when set
};

struct LegInput {
  int pc = 4;                          // the PC of the programme the travel serves, 1..4
  bool pc_assessed = false;            // the PC rests on a current PC assessment
  // Where the PC comes from (domain/programme_criticality.h ProgrammePcDuring): the first reason.
  std::optional<Reason> pc_basis;
  int from_day = 0, to_day = 0;        // inclusive
  std::optional<AreaSraFacts> area_sra;          // none = the area has no published SRA
  std::vector<EgsDecision> egs;                  // EGS decisions for the leg's area
  std::optional<SpecificSraFacts> specific;      // none = no approved specific SRA for this mission
  // The activity's signed risk acceptance (SRM-METHOD.md 7a) stands on every day of the leg: from
  // the pack's acceptance level (High) a residual within the PC's limit is cleared only with it.
  bool acceptance_in_force = false;
};

struct LegDecision {
  LegOutcome outcome = LegOutcome::kReferred;
  // The deciding rule: "cleared", "egs_no_go", "no_sra", "sra_expired", "unacceptable",
  // "specific_sra_required", "specific_sra_out_of_scope", "not_acceptable", "pc_assessment_required",
  // "acceptance_required".
  std::string rule;
  std::vector<Reason> reasons;         // every fact considered, in order
  // When referred: who decides. "dss_security_adviser" (the DSS security adviser for the area, on
  // behalf of the DO; the security cell only advises) or "executive_office" (a Very High residual:
  // the executive head's office of the organization).
  std::string approver_role;
  std::optional<int> residual;         // the residual judged (the specific SRA's when one applies)
  std::string sra_id, specific_sra_id, egs_id;
};

// The rules, in order: an EGS no-go in force on any day of the leg blocks it, whatever else holds;
// no published SRA, an SRA whose period does not cover every day of the leg ("sra_out_of_period"),
// or one past its review date before the leg ends ("sra_expired"), refers it; an Unacceptable
// residual blocks it; a Very High residual needs an approved specific SRA for the mission (whose
// own residual is then judged) or blocks it; a residual above the PC's limit is acceptable to
// nobody and blocks it ("not_acceptable", SRM-METHOD.md §5: control, avoid, transfer or do not
// proceed); within the limit it is cleared (from High on, only when the PC rests on a PC
// assessment, and from the acceptance level on only with the activity's signed acceptance in force
// over the leg, "acceptance_required"; otherwise referred). The PC-assessment referral is reached
// only with a pack whose unassessed PC (PC4) limit reaches the PC-assessment level: with the
// default pack an unassessed programme is judged as PC4 and a High residual is above its limit.
LegDecision DecideLeg(const MethodPack& m, const LegInput& in);

}  // namespace srm::domain
