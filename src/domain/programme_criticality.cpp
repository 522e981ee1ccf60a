#include "domain/programme_criticality.h"

#include "core/calendar.h"

namespace srm::domain {

std::string PcValidUntil(std::string_view assessed_on, int months) {
  const auto day = calendar::ParseIsoDate(assessed_on);
  if (!day) return "";
  const auto end = calendar::AddMonths(*day, months);
  // Past the calendar's last year it holds to the calendar's last day.
  return calendar::FormatIsoDate(end ? calendar::AddDays(*end, -1) : calendar::kLastDay);
}

ProgrammePc ProgrammePcDuring(bool serves_programme, const std::optional<PcAssessmentFacts>& assessment,
                              int from_day, int to_day) {
  ProgrammePc out;
  auto pc4 = [&](std::string code, std::string message) {
    out.pc = kUnassessedPc;
    out.assessed = false;
    out.reason = {std::move(code), std::move(message) + ": judged as PC4"};
    return out;
  };
  if (!serves_programme) return pc4("no_programme", "the travel serves no programme");
  if (!assessment) return pc4("no_pc_assessment", "the programme has no PC assessment");
  const PcAssessmentFacts& a = *assessment;
  out.assessment_id = a.id;
  out.valid_until = a.valid_until;
  const auto on = DayNumber(a.assessed_on), until = DayNumber(a.valid_until);
  if (!on || *on > from_day)
    return pc4("pc_assessment_not_yet_valid",
               "the PC assessment " + a.id + " is dated " + a.assessed_on + ", after " + DayString(from_day));
  if (!until || *until < to_day)
    return pc4("pc_assessment_expired", "the PC assessment " + a.id + " holds until " + a.valid_until +
                                            ", before " + DayString(to_day));
  if (a.pc == 1 && !a.confirmed)
    return pc4("pc1_unconfirmed",
               "the PC1 assessment " + a.id + " is not confirmed by the executive head's office");
  if (a.pc < 1 || a.pc > 4) return pc4("no_pc_assessment", "the PC assessment " + a.id + " names no valid PC");
  out.pc = a.pc;
  out.assessed = true;
  out.reason = {"pc_assessed", "PC" + std::to_string(a.pc) + " set by the PC assessment " + a.id + " (valid until " +
                                   a.valid_until + ")"};
  return out;
}

ProgrammePc CurrentPcOn(const std::optional<PcAssessmentFacts>& assessment, int day) {
  return ProgrammePcDuring(true, assessment, day, day);
}

std::optional<Reason> RefuseConfirmation(const PcAssessmentFacts& a, const std::string& recorded_by_id,
                                         const std::string& user_id) {
  if (a.pc != 1) return Reason{"pc_confirmation_not_needed", "only a PC1 assessment is confirmed"};
  if (a.confirmed) return Reason{"pc_already_confirmed", "the PC1 assessment is confirmed already"};
  if (!recorded_by_id.empty() && recorded_by_id == user_id)
    return Reason{"pc_confirm_own_assessment", "the person who recorded a PC1 assessment cannot also confirm it"};
  return std::nullopt;
}

}  // namespace srm::domain
