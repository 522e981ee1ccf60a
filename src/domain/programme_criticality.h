// Programme criticality (SRM-METHOD.md §5, §7a): the PC of a programme comes from a PC assessment,
// a country-team exercise led by the RC/HC/SRSG office (role pc_lead), PC1 confirmed by the
// executive head's office; it is dated and expires (pack setting pc_assessment_months). Travellers
// never declare it: travel that serves no programme, or a programme without a current assessment,
// is judged as PC4. Pure functions: the service reads the assessment and these decide.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/decisions.h"

namespace srm::domain {

// The lowest criticality: what travel or an activity is judged as without a current assessment.
inline constexpr int kUnassessedPc = 4;

// A recorded PC assessment as the rules see it.
struct PcAssessmentFacts {
  std::string id;
  int pc = kUnassessedPc;     // 1..4
  std::string assessed_on;    // YYYY-MM-DD: the day it was recorded
  std::string valid_until;    // YYYY-MM-DD, inclusive: the last day it holds
  bool confirmed = false;     // PC1: confirmed by the executive head's office (PC2-4 need no confirmation)
};

// The PC a programme is judged at, and why. reason.code is one of:
//   pc_assessed                  a current assessment sets it
//   no_programme                 the travel serves no programme: PC4
//   no_pc_assessment             the programme has no assessment: PC4
//   pc_assessment_not_yet_valid  the assessment is dated after the day(s) judged: PC4
//   pc_assessment_expired        it expires before the last day judged: PC4
//   pc1_unconfirmed              a PC1 assessment the executive head's office has not confirmed: PC4
struct ProgrammePc {
  int pc = kUnassessedPc;
  bool assessed = false;      // pc rests on a current assessment
  std::string assessment_id;  // the assessment considered ("" when none)
  std::string valid_until;    // of that assessment
  Reason reason;
};

// The last day an assessment recorded on `assessed_on` holds: `months` later, the day before.
// "" when assessed_on is not a date.
std::string PcValidUntil(std::string_view assessed_on, int months);

// The PC of a programme over the days [from_day, to_day] (a clearance leg): the assessment's PC
// when it holds on every one of those days, else PC4 with the reason.
ProgrammePc ProgrammePcDuring(bool serves_programme, const std::optional<PcAssessmentFacts>& assessment,
                              int from_day, int to_day);
// The current PC of a programme on one day (activities, acceptances).
ProgrammePc CurrentPcOn(const std::optional<PcAssessmentFacts>& assessment, int day);

// ---- who records and confirms an assessment ----

// The step a person attempts on an assessment, and the refusal (nullopt = allowed). Codes:
//   pc_confirmation_not_needed   only a PC1 assessment is confirmed
//   pc_already_confirmed         it is confirmed already
//   pc_confirm_own_assessment    the person who recorded it cannot confirm it (separation of duties)
std::optional<Reason> RefuseConfirmation(const PcAssessmentFacts& a, const std::string& recorded_by_id,
                                         const std::string& user_id);

}  // namespace srm::domain
