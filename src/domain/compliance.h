// MOSS and RSM (SRM-METHOD.md section 7): the approved measures of a published SRA grouped by
// MOSS/RSM category, and compliance with them tracked per office and residence. Pure functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/sra.h"

namespace srm::domain {

// The category of the Residential Security Measures (RSM, formerly MORSS); every other pack
// category belongs to the MOSS.
inline constexpr std::string_view kRsmCategory = "residential";

struct MossMeasure {
  std::string scenario_id, scenario_title;
  Measure measure;
};

// The measures of `sra` grouped by their MOSS/RSM category, in the pack's category order; every
// pack category is present (possibly empty). Measures whose category is not in the pack are
// grouped under their own key after the pack's.
std::vector<std::pair<std::string, std::vector<MossMeasure>>> MeasuresByCategory(const MethodPack& m, const Sra& sra);

// ---- compliance items ----

enum class ComplianceStatus { kOpen, kInProgress, kCompliant, kNonCompliant, kNotApplicable };
const char* ComplianceStatusName(ComplianceStatus s);
std::optional<ComplianceStatus> ComplianceStatusFromName(std::string_view s);

// An item may be marked compliant only with evidence; not applicable only with a reason.
struct ComplianceCheck {
  bool ok = true;
  std::string code, message, field;
};
ComplianceCheck CheckComplianceUpdate(ComplianceStatus to, bool has_evidence, bool has_comment);

// Overdue: the due date has passed and the item is neither compliant nor not applicable.
bool IsOverdue(ComplianceStatus s, std::string_view due, std::string_view today);

// Compliance of a group of items: compliant / (items - not applicable).
struct ComplianceRate {
  int total = 0, applicable = 0, compliant = 0, non_compliant = 0, open = 0, overdue = 0;
  std::optional<double> rate;  // nullopt when nothing is applicable
};
void AddToRate(ComplianceRate* r, ComplianceStatus s, std::string_view due, std::string_view today);
void FinishRate(ComplianceRate* r);

}  // namespace srm::domain
