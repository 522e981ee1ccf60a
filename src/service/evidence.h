// Evidence use cases (SRM-METHOD.md section 6): importing incident files (synchronously for the
// CLI, as a background job for the API), loading areas from boundary files, indicators and the
// suggested likelihood per area, the incidents of an area, and the "review proposed - change in
// the area" trigger. Role and scope are checked on every call. Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <nlohmann/json_fwd.hpp>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "domain/scenario_evidence.h"
#include "evidence/area_index.h"
#include "evidence/importer.h"
#include "evidence/indicators.h"
#include "service/job_pool.h"
#include "service/methods.h"
#include "service/principal.h"
#include "store/incident_store.h"
#include "store/store.h"

namespace srm::service {

struct ImportRequest {
  std::string file_path;      // the CSV to read
  std::string file_name;      // as the user named it, for the record
  std::string mapping_json;   // column mapping; "" = detect AWSD / ACLED / UCDP GED
  std::string areas = "all";  // area set: all | admin1 | carana | country:<id>
  bool remove_file_after = false;  // an upload kept for its job: removed when the job ends
};

struct ImportJob {
  std::string id;
  std::string status;  // running | done | failed
  std::string file_name, areas, user, started_at, finished_at;
  Error error;         // when failed
  evidence::ImportCounts counts;
  // The countries whose areas received at least one of its incidents: the source's categories are
  // covered there only (SRM-METHOD.md §6, issue 14). nullopt: a job recorded before this was kept,
  // counted as covering every country, as then. Stored with the job, not part of the API's answer.
  std::optional<std::vector<std::string>> placed_countries;
};

struct AreaIndicators {
  domain::Area area;
  std::string as_of;
  int period_days = 0;
  std::string method_version;
  std::vector<evidence::Indicators> categories;  // one per threat category of the pack
  // The trend chart: the 12 calendar months to as_of ("YYYY-MM", oldest first) and, per category
  // (same order as `categories`), the number of incidents in each.
  std::vector<std::string> months;
  std::vector<evidence::MonthlyCounts> monthly;
  // Per category (same order): whether the imported sources can suggest a likelihood at all, and
  // which imported layouts record it. Without evidence the category's suggestion is not shown.
  std::vector<domain::EvidenceVerdict> verdicts;
  std::vector<std::vector<std::string>> covered_by;
};

// The evidence for one scenario: the incidents of its category that its selector keeps.
struct ScenarioEvidence {
  std::string area_id, category;
  std::string as_of;     // YYYY-MM-DD: today
  int period_days = 0;   // the SRA period the suggestion is for
  domain::IncidentSelector selector;
  domain::EvidenceVerdict verdict;
  std::vector<std::string> covered_by;  // imported layouts that record the category
  int64_t category_events = 0;          // every event of the category in the lookback
  int64_t selected_events = 0;          // those the selector keeps
  std::optional<evidence::Indicators> indicators;  // of the kept incidents; only with evidence
};

struct BoundaryImportResult {
  int64_t files = 0, countries = 0, areas = 0;
};

class EvidenceService {
 public:
  EvidenceService(store::Store* store, store::IncidentStore* incidents, MethodRegistry* methods, const Clock* clock,
                  IdGen* ids);
  ~EvidenceService();  // runs the accepted imports to their end (failing them quickly) and joins

  // Where uploads wait for their import job: a private directory (0700), created on first use;
  // each file 0600, removed when its job ends. Set once, before serving; none = uploads refused.
  void SetUploadDirectory(std::string dir);
  // Told the job id and the details when an import fails on our side (an exception): the job is
  // recorded failed with code "internal", the details go to this log only. Set once, before serving.
  void SetFaultLog(std::function<void(const std::string& job_id, const std::string& detail)> log);

  // Imports now; `progress` is called after each batch. Audited as one entry with the counts. A
  // failed import keeps none of its rows (the batches already written are removed again).
  Result<ImportJob> Import(const Principal& p, const ImportRequest& r,
                           std::function<void(const evidence::ImportCounts&)> progress = {});
  // Starts the import in the background and returns the running job at once. At most
  // kImportWorkers imports run at a time and kMaxQueuedImports wait; beyond that, Unavailable.
  Result<ImportJob> StartImport(const Principal& p, ImportRequest r);
  // Keeps `file` (an uploaded CSV) in the upload directory, then StartImport on it.
  Result<ImportJob> StartUploadedImport(const Principal& p, ImportRequest r, std::string_view file);
  // The same for an upload the HTTP layer already streamed to `path` (a 0600 file in the upload
  // directory): the job takes the file over (it is renamed, so the caller's copy is gone).
  Result<ImportJob> StartUploadedFileImport(const Principal& p, ImportRequest r, const std::string& path);
  const std::string& upload_directory() const { return upload_dir_; }

  static constexpr size_t kImportWorkers = 2;
  static constexpr size_t kMaxQueuedImports = 16;
  Result<ImportJob> GetImport(const Principal& p, const std::string& id);
  Result<store::Page<store::StoredRefusal>> Refused(const Principal& p, const std::string& import_id,
                                                    const store::PageRequest& page);
  Result<store::Page<store::StoredIncident>> Unplaced(const Principal& p, const std::string& import_id,
                                                      const store::PageRequest& page);

  // Areas (and their countries) from GeoJSON boundary files: one audited write per area.
  Result<BoundaryImportResult> ImportBoundaries(const Principal& p, const std::vector<std::string>& paths);

  // as_of "" = today; period_days 0 = the pack's default SRA period.
  Result<AreaIndicators> Indicators(const Principal& p, const std::string& area_id, const std::string& as_of,
                                    int period_days);
  // The suggestion for one area and threat category today, without a principal: for the SRA
  // service's seam (SraService::SetLikelihoodSuggester), which has checked the caller already.
  // NotFound when the area has no incident at all in the lookback (no evidence, no suggestion).
  Result<evidence::Indicators> Suggest(const std::string& area_id, const std::string& category, int period_days);
  // The evidence for a scenario today (evidence_indicators.cpp): the incidents of `category` in the
  // area that `selector` keeps, the suggestion computed on those only, or "no evidence" with its
  // reason (domain/scenario_evidence.h). Without a principal: for the SRA service's seam.
  Result<ScenarioEvidence> SuggestForScenario(const std::string& area_id, const std::string& category,
                                              const domain::IncidentSelector& selector, int period_days);
  // The same for a reader of the area (the wizard's preview); NotFound outside their scope.
  Result<ScenarioEvidence> ScenarioSuggestion(const Principal& p, const std::string& area_id,
                                              const std::string& category, const domain::IncidentSelector& selector,
                                              int period_days);
  // Threat category -> the imported layouts (finished imports with accepted rows) that record it.
  Result<std::map<std::string, std::vector<std::string>>> Coverage(const std::string& country_id);
  Result<store::Page<store::StoredIncident>> Incidents(const Principal& p, const std::string& area_id,
                                                       store::IncidentFilter filter, const store::PageRequest& page);

  // Compares each published SRA's area now with the day it was published; proposes a review
  // (a "review_proposal" document, audited) once per SRA version when an indicator moved beyond
  // the pack's thresholds. Returns how many were proposed.
  Result<int> EvaluateTriggers(const Principal& p);
  Result<store::Page<store::DocRow>> Proposals(const Principal& p, const store::PageRequest& page);

  // The evidence parameters in force: the active pack's, or the default pack's when it has none.
  Result<std::pair<PackPtr, const domain::EvidenceParams*>> Params();

 private:
  Result<std::shared_ptr<const evidence::AreaIndex>> AreasFor(const std::string& set);
  Result<ImportJob> Run(const Principal& p, const ImportRequest& r, const std::string& id,
                        const std::function<void(const evidence::ImportCounts&)>& progress);
  // placed_areas: filled with the areas that received at least one incident.
  Result<evidence::ImportCounts> RunPipeline(const ImportRequest& r, const std::string& id, const std::string& file_name,
                                             const std::function<void(const evidence::ImportCounts&)>& progress,
                                             std::set<std::string>* placed_areas);
  void RunJob(const Principal& p, const ImportRequest& r, const std::string& id);
  void Fault(const std::string& job_id, const std::string& detail);
  Result<std::vector<evidence::Indicators>> Compute(const domain::MethodPack& pack, const domain::EvidenceParams& ep,
                                                    const std::string& area_id, int32_t as_of, int period_days,
                                                    std::vector<evidence::MonthlyCounts>* monthly = nullptr);
  int32_t Today() const;

  store::Store* store_;
  store::IncidentStore* incidents_;
  MethodRegistry* methods_;
  const Clock* clock_;
  IdGen* ids_;
  PackPtr default_pack_;

  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const evidence::AreaIndex>> area_cache_;
  std::unordered_map<std::string, ImportJob> running_;
  std::atomic<bool> stopping_{false};
  std::string upload_dir_;
  std::function<void(const std::string&, const std::string&)> fault_log_;
  JobPool pool_{kImportWorkers, kMaxQueuedImports, [this](const std::string& what) { Fault("", what); }};  // last member
};

nlohmann::json ImportJobJson(const ImportJob& j);
nlohmann::json IndicatorsJson(const evidence::Indicators& in);
// One category of an area's indicators with its evidence state; "suggestion" is null without evidence.
nlohmann::json CategoryIndicatorsJson(const evidence::Indicators& in, const domain::EvidenceVerdict& verdict,
                                      const std::vector<std::string>& covered_by);
nlohmann::json ScenarioEvidenceJson(const ScenarioEvidence& e);
nlohmann::json IncidentJson(const store::StoredIncident& s);

}  // namespace srm::service
