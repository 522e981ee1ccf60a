// The methodology pack: the configurable parts of SRM-METHOD.md as data. Immutable once parsed,
// so one pack may be shared read-only between threads.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace srm::domain {

inline constexpr int kScaleSize = 5;    // likelihood, impact and threat factors are 1..5
inline constexpr int kRiskLevels = 6;   // Very Low .. Unacceptable

struct ThreatCategory {
  std::string key;    // "armed_conflict"
  std::string name;   // "Armed conflict"
  bool deliberate = true;
  // The three factors a category is rated on, the third being the inhibiting one (a strong
  // inhibitor lowers the level). Deliberate threats: intent, capability, inhibiting context;
  // hazards have no actor and no intent: frequency, magnitude, preparedness (SRM-METHOD.md §3).
  std::array<std::string, 3> factors{"intent", "capability", "inhibiting"};
};

// One row of the evidence category table: an incident whose fields match every non-empty list
// (case-insensitive, trimmed; "*" or an empty list matches anything) falls in `category`; an
// empty category means "context only": kept, never counted. The first matching rule wins.
struct CategoryRule {
  std::vector<std::string> event_types;      // lower-cased
  std::vector<std::string> sub_event_types;  // lower-cased
  std::vector<std::string> actor_types;      // lower-cased
  std::string category;
};

// Parameters of the evidence engine (SRM-METHOD.md section 6): windows, decay, trend, severity,
// the thresholds mapping P(at least one event in the SRA period) to a likelihood, the review
// trigger, and the category table per source vocabulary ("acled", "awsd", "ucdp", ...).
struct EvidenceParams {
  std::array<int, 3> windows_days{30, 90, 365};
  double half_life_days = 180;
  int lookback_days = 1825;          // events older than this are ignored
  int recent_days = 90;              // trend: rate over the recent window ...
  int baseline_days = 365;           // ... against the rate over the longer one
  double rising_ratio = 1.5;         // trend label thresholds on recent/baseline
  double falling_ratio = 0.67;
  int severity_days = 365;
  int sra_period_days = 365;         // default SRA period for the suggestion
  // P < t[0] -> likelihoods[0]; t[0] <= P < t[1] -> likelihoods[1]; ...; P >= t[3] -> likelihoods[4].
  std::array<double, 4> likelihood_thresholds{0.05, 0.2, 0.5, 0.8};
  int trigger_likelihood_step = 1;   // a suggested likelihood this many levels above the one at publication
  double trigger_rate_ratio = 2.0;   // or a decayed rate this many times the rate at publication
  int trigger_min_events = 5;        // with at least this many events in the recent window
  std::map<std::string, std::vector<CategoryRule>> category_rules;
};

struct MethodPack {
  std::string version;  // recorded on every SRA
  std::string name;
  std::array<std::string, kScaleSize> likelihoods;   // index 0 = lowest (Very Unlikely)
  std::array<std::string, kScaleSize> impacts;       // index 0 = Negligible
  std::array<std::string, kRiskLevels> risk_levels;  // index 0 = Very Low, 5 = Unacceptable
  // matrix[likelihood][impact] = risk level index.
  std::array<std::array<int, kScaleSize>, kScaleSize> matrix{};
  std::vector<ThreatCategory> threat_categories;
  std::array<std::string, kScaleSize> factor_descriptors;  // descriptors for 1..5
  std::string threat_formula;   // "mean_inverted_inhibitor" (default) or "max_factor"
  std::string overall_threat;   // "highest"
  std::array<int, 4> pc_max_acceptable{};  // PC1..PC4 -> highest acceptable risk index
  int pc_assessment_from = 3;   // High and above needs a PC assessment
  int exec_approval_from = 4;   // Very High needs the executive head's approval
  int never_acceptable_from = 5;  // Unacceptable: no presence, never overridden
  // Risk acceptance (SRM-METHOD.md section 7a, configurable): from this residual level a signed
  // acceptance is required, and it expires at most this many days after it is signed.
  int acceptance_from = 3;        // High
  int acceptance_max_days = 180;
  int review_months = 12;
  // SRM-METHOD.md §7a (configurable): a PC assessment holds this many months after it is recorded.
  int pc_assessment_months = 12;
  // SRM-METHOD.md §7a: nobody performs two different steps of one SRA version.
  bool separation_of_duties = true;
  // The code of the organization whose security professionals conduct area SRAs (UNDSS); others
  // conduct one only under a designation grant (role sra_designate) for the area.
  std::string area_sra_conductor = "UNDSS";
  // How a residual below the current risk must be justified: "measure_type" (a lower likelihood
  // needs a prevention measure, a lower impact a mitigation measure) or "any_measure".
  std::string residual_justification = "measure_type";
  // The local cost-shared budget's apportionment (SRM-METHOD.md §7, configurable), exact
  // fractions written "p/q" in the pack: the minimum share m of the total (0.5%) and the slow
  // decrease c, the most an organization's fraction may fall in a year, of last year's (25%).
  int64_t budget_minimum_num = 1, budget_minimum_den = 200;
  int64_t budget_decrease_num = 1, budget_decrease_den = 4;
  std::vector<std::string> triggers;        // scope trigger keys
  std::vector<std::string> moss_categories; // MOSS/RSM measure categories
  std::vector<std::string> situation_fields;  // structured situation analysis headings
  bool has_evidence = false;  // false for packs without an "evidence" section: defaults apply
  EvidenceParams evidence;
  std::string source_json;  // the document as installed, for export
};

// Parses and validates a pack; a malformed pack is refused naming the field at fault.
Result<MethodPack> ParseMethodPack(std::string_view json_text);

// The UNSMS defaults of SRM-METHOD.md, compiled in from method/unsms-default.json.
std::string_view DefaultMethodPackJson();

// Resolves a likelihood/impact given as a level name (case-insensitive) or 1..5 to an index 0..4.
// `field` names the input in the error.
Result<int> ScaleIndexFromName(const std::array<std::string, kScaleSize>& names,
                               std::string_view text, const std::string& field);
Result<int> ScaleIndexFromNumber(long long value, const std::string& field);

// The risk level index for likelihood index l and impact index i (both 0..4).
inline int RiskIndex(const MethodPack& m, int l, int i) { return m.matrix[l][i]; }

// Threat category level 1..5 from intent, capability and inhibiting context (each 1..5).
int ThreatLevel(const MethodPack& m, int intent, int capability, int inhibiting);

bool IsThreatCategory(const MethodPack& m, std::string_view key);
// The category with this key, nullptr when the pack has none.
const ThreatCategory* FindThreatCategory(const MethodPack& m, std::string_view key);
bool IsMossCategory(const MethodPack& m, std::string_view key);
bool IsTrigger(const MethodPack& m, std::string_view key);

}  // namespace srm::domain
