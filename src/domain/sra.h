// The Security Risk Assessment of SRM-METHOD.md section 2 and its workflow. Plain values:
// no I/O, no locking; callers own copies.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/scenario_evidence.h"
#include "core/calendar.h"
#include "core/result.h"
#include "domain/method.h"
#include "domain/roles.h"

namespace srm::domain {

enum class SraStatus { kDraft, kInReview, kReviewed, kEndorsed, kPublished, kReturned, kSuperseded };
enum class SraKind { kArea, kSpecific };
enum class Action { kSubmit, kReview, kEndorse, kApprove, kReturn };

const char* StatusName(SraStatus s);
std::optional<SraStatus> StatusFromName(std::string_view s);
const char* KindName(SraKind k);
std::optional<SraKind> KindFromName(std::string_view s);
const char* ActionName(Action a);
std::optional<Action> ActionFromName(std::string_view s);

struct Scope {
  std::string from_date;  // YYYY-MM-DD
  std::string to_date;
  std::string trigger;    // one of the pack's triggers

  bool operator==(const Scope&) const = default;
};

struct ProgrammeAssessment {
  std::string programme_id;   // optional link to a registered programme
  std::string organization_id;
  std::string activity;
  int pc = 4;                 // 1..4
  int international = 0, national = 0, on_mission = 0;
  std::string frequency;
  std::string partners;
  // The scenarios that concern the activity (their ids); empty = every scenario of the SRA. The
  // activity is judged against the highest residual among them (SRM-METHOD.md section 5).
  std::vector<std::string> scenario_ids;

  bool operator==(const ProgrammeAssessment&) const = default;
};

struct ThreatRating {
  std::string category;       // a pack threat category key
  // The category's three factors, 1..5, named by the pack (ThreatCategory::factors): intent,
  // capability, inhibiting context for deliberate threats; frequency, magnitude, preparedness
  // for hazards. The third is always the inhibiting one.
  int intent = 1, capability = 1, inhibiting = 1;
  int level = 1;              // computed
  std::string evidence;
  // A category that does not apply to the area is recorded as such, with the reason, instead
  // of a rating (SRM-METHOD.md §7a: "or not applicable with a reason").
  bool not_applicable = false;
  std::string not_applicable_reason;

  bool operator==(const ThreatRating&) const = default;
};

struct Vulnerability {
  std::string exposed;            // who/what is exposed
  std::string weaknesses;         // which weaknesses the event would exploit
  std::string existing_measures;

  bool operator==(const Vulnerability&) const = default;
};

struct Measure {
  std::string id;
  std::string type;           // "prevention" (lowers likelihood) or "mitigation" (lowers impact)
  std::string description;
  std::string moss_category;  // a pack MOSS/RSM category
  int64_t cost_minor = 0;     // integer minor units of `currency` (cents for USD): never floating point
  std::string currency = "USD";
  std::string owner;
  std::string status = "planned";  // planned | in_progress | implemented

  bool operator==(const Measure&) const = default;
};

// The evidence engine's suggested likelihood at the moment the assessor set the scenario's
// likelihood (SRM-METHOD.md section 6): recorded by the service, never taken from input.
struct LikelihoodSuggestion {
  int likelihood = 0;        // index 0..4
  double probability = 0;    // P(at least one relevant event in the period)
  int period_days = 0;
  std::string as_of;         // YYYY-MM-DD
  int64_t events = 0;        // events of the category in the lookback
  std::string explanation;   // the arithmetic
  // Non-empty: the incidents suggest no likelihood, and why (domain/scenario_evidence.h codes:
  // no_source_covers_category, no_incidents_in_area); `likelihood` is then meaningless.
  std::string no_evidence_reason;

  bool operator==(const LikelihoodSuggestion&) const = default;
};

struct Scenario {
  std::string id;
  std::string title;
  std::string threat_category;
  std::string description;
  std::optional<Vulnerability> vulnerability;
  std::optional<int> likelihood, impact;                    // indexes 0..4: current risk
  std::optional<int> residual_likelihood, residual_impact;  // after measures
  std::vector<Measure> measures;
  // The suggestion in force when the likelihood was set, and the assessor's reason for departing
  // from it (input). The difference is shown beside both in the document.
  std::optional<LikelihoodSuggestion> likelihood_suggestion;
  std::string likelihood_reason;
  // The incidents of the category that are evidence for this scenario (none narrowed: all).
  IncidentSelector evidence_filter;
  // Computed by Recompute(); never taken from input.
  std::optional<int> current_level, residual_level;

  bool operator==(const Scenario&) const = default;
};

struct TransitionRecord {
  std::string action, from, to, by, role, comment, at;

  bool operator==(const TransitionRecord&) const = default;
};

struct Sra {
  std::string id;
  std::string series_id;      // the same for every version of one SRA
  int version = 1;
  SraKind kind = SraKind::kArea;
  std::string title;
  std::string area_id;
  std::string country_id;
  std::string organization_id;
  std::string mission_ref;    // specific SRAs
  SraStatus status = SraStatus::kDraft;
  std::string method_version;
  Scope scope;
  std::map<std::string, std::string> situation;
  std::vector<ProgrammeAssessment> programmes;
  std::vector<ThreatRating> threats;
  std::vector<Scenario> scenarios;
  std::vector<TransitionRecord> history;
  std::string created_by, created_at, updated_at, published_at, review_due;
  int64_t revision = 0;       // optimistic concurrency: bumped by the store on each write
  // Computed by Recompute().
  std::optional<int> overall_threat;
  std::optional<int> overall_current, overall_residual;

  // Every field, so round-trip tests compare the fields added later too.
  bool operator==(const Sra&) const = default;
};

// A scenario may carry a rating only once its vulnerability is assessed (rule zero).
bool HasVulnerability(const Scenario& s);

// The review date (YYYY-MM-DD) `months` after the day an SRA is approved. An approval after the
// 28th counts as on the 28th: a review date need not be exact to the day, and so it falls on the
// same day number in every month (31 Jan + 1 month = 28 Feb, 30 Apr + 1 month = 28 May).
std::string ReviewDue(calendar::Day approved_on, int months);

// Fills every computed field (threat levels, current/residual levels, overall levels).
void Recompute(const MethodPack& m, Sra* sra);

// One piece an SRA lacks to leave draft: a reason code and the field path at fault.
struct MissingPiece {
  std::string code;     // situation_required, threat_assessment_required, scenarios_required, ...
  std::string field;    // e.g. "threats.hazards", "scenarios[2].measures"
  std::string message;  // for people; the UI renders the code
  bool operator==(const MissingPiece&) const = default;
};

// Every piece an SRA lacks to leave draft (SRM-METHOD.md §2 rule zero, §7a completeness):
// trigger, situation analysis, a rating or "not applicable" with a reason for each pack threat
// category, at least one scenario, a vulnerability and a rating for each, measures for each
// scenario whose current risk is above the lowest acceptable level, a residual no higher than the
// current risk, and a residual below it justified by measures of the right type. Empty = complete.
std::vector<MissingPiece> MissingToSubmit(const MethodPack& m, const Sra& sra);
// MissingToSubmit as a status: 422 with the first piece's code and field (the API lists all).
// Scenario pieces come first: rule zero (vulnerability before rating) is the one that matters most.
Status ReadyToSubmit(const MethodPack& m, const Sra& sra);

// Separation of duties (SRM-METHOD.md §7a, pack setting): the step of this version `user` already
// performed that is not `a`, or nullopt. Repeating one's own step after a return is not a second
// step; returns are not steps of their own (the one who returns holds the step of that stage).
std::optional<Action> EarlierStepBy(const Sra& sra, const std::string& user, Action a, SraStatus from);

// Validity (SRM-METHOD.md §7a). A published area SRA is in force until a newer one supersedes it;
// it is current on a day only inside its scope period and up to its review date, whichever ends
// first. reason: current | period_not_started | period_ended | review_overdue | not_published |
// superseded. valid_until: the earlier of the period end and the review date ("" when neither).
struct SraValidity {
  bool in_force = false;
  bool current = false;
  std::string reason;
  std::string valid_until;
  bool operator==(const SraValidity&) const = default;
};
SraValidity ValidityOn(const Sra& s, std::string_view day);

// The role an action requires in a given status; nullopt when the action is out of order.
std::optional<Role> RoleFor(Action a, SraStatus from);
// The status an action leads to, or a 409 conflict naming the allowed actions.
Result<SraStatus> NextStatus(SraStatus from, Action a);
// The statuses in which an SRA waits for someone holding `role`.
std::vector<SraStatus> StatusesAwaiting(Role role);

// Validates what a user may write into a scenario against the pack (categories, types, ranges).
Status ValidateScenario(const MethodPack& m, const Scenario& s);
Status ValidateSraContent(const MethodPack& m, const Sra& s);

}  // namespace srm::domain
