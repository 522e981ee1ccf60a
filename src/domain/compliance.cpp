#include "domain/compliance.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace srm::domain {

std::vector<std::pair<std::string, std::vector<MossMeasure>>> MeasuresByCategory(const MethodPack& m, const Sra& sra) {
  std::vector<std::pair<std::string, std::vector<MossMeasure>>> out;
  for (const auto& c : m.moss_categories) out.push_back({c, {}});
  for (const auto& s : sra.scenarios)
    for (const auto& me : s.measures) {
      auto it = std::find_if(out.begin(), out.end(), [&](const auto& g) { return g.first == me.moss_category; });
      if (it == out.end()) {
        out.push_back({me.moss_category, {}});
        it = out.end() - 1;
      }
      it->second.push_back({s.id, s.title, me});
    }
  return out;
}

namespace {
constexpr std::array<std::pair<ComplianceStatus, std::string_view>, 5> kStatusNames{{
    {ComplianceStatus::kOpen, "open"},
    {ComplianceStatus::kInProgress, "in_progress"},
    {ComplianceStatus::kCompliant, "compliant"},
    {ComplianceStatus::kNonCompliant, "non_compliant"},
    {ComplianceStatus::kNotApplicable, "not_applicable"},
}};
}  // namespace

const char* ComplianceStatusName(ComplianceStatus s) {
  for (const auto& [st, name] : kStatusNames)
    if (st == s) return name.data();
  return "open";
}

std::optional<ComplianceStatus> ComplianceStatusFromName(std::string_view s) {
  for (const auto& [st, name] : kStatusNames)
    if (name == s) return st;
  return std::nullopt;
}

ComplianceCheck CheckComplianceUpdate(ComplianceStatus to, bool has_evidence, bool has_comment) {
  if (to == ComplianceStatus::kCompliant && !has_evidence)
    return {false, "evidence_required", "an item is compliant only with evidence of it", "evidence"};
  if (to == ComplianceStatus::kNotApplicable && !has_comment)
    return {false, "comment_required", "say why the requirement does not apply", "comment"};
  return {};
}

bool IsOverdue(ComplianceStatus s, std::string_view due, std::string_view today) {
  if (due.empty() || s == ComplianceStatus::kCompliant || s == ComplianceStatus::kNotApplicable) return false;
  return due < today;  // YYYY-MM-DD compares as text
}

void AddToRate(ComplianceRate* r, ComplianceStatus s, std::string_view due, std::string_view today) {
  ++r->total;
  if (s != ComplianceStatus::kNotApplicable) ++r->applicable;
  if (s == ComplianceStatus::kCompliant) ++r->compliant;
  if (s == ComplianceStatus::kNonCompliant) ++r->non_compliant;
  if (s == ComplianceStatus::kOpen || s == ComplianceStatus::kInProgress) ++r->open;
  if (IsOverdue(s, due, today)) ++r->overdue;
}

void FinishRate(ComplianceRate* r) {
  if (r->applicable == 0) {
    r->rate.reset();
    return;
  }
  // Rounded to 0.1 percentage point so the figure is stable in reports.
  r->rate = std::round(1000.0 * r->compliant / r->applicable) / 1000.0;
}

}  // namespace srm::domain
