// Exports (issue 17): the SRA risk register and the country register as Excel workbooks, the SRA's
// heatmaps as SVG, and any list as CSV or Excel written page by page — at once when it is short,
// as a background job with progress when it has more rows than the configuration's threshold
// (export_job_threshold_rows). Every export reads through the same use cases, with the same
// checks, as the JSON it mirrors (SraService::Get for an SRA). Files are written 0600 in a private
// directory (DATA/exports, 0700); a job's file is kept for its owner an hour, then removed.
// Jobs live in this process: behind a load balancer the job's URL must reach the server that runs
// it (sticky sessions), as for any in-memory state. Thread-safe.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "export/sra_register.h"
#include "export/table.h"
#include "export/words.h"
#include "service/job_pool.h"
#include "service/methods.h"
#include "export/picture.h"
#include "service/evidence.h"
#include "service/principal.h"
#include "service/sras.h"
#include "store/store.h"

namespace srm::service {

struct ExportOptions {
  std::string dir;                   // private directory of the files; "" = exports refused (503)
  int64_t job_threshold_rows = 5000; // lists with more rows run as a job
  std::string marking = "UN Restricted";
  int64_t keep_ms = 3600 * 1000;     // how long a finished job's file is kept
};

// A file ready to send: the caller sends it and removes it.
struct ExportFile {
  std::string path;
  std::string file_name;     // ASCII, for Content-Disposition
  std::string content_type;
  int64_t rows = 0;
};

struct ExportJob {
  std::string id, owner_user_id, kind, format, file_name, content_type;
  std::string status = "running";  // running | done | failed
  int64_t rows_done = 0, rows_total = 0;
  std::string created_at, finished_at;
  Error error;                     // when failed
  std::string path;                // the file, once done
  int64_t finished_ms = 0;
};

enum class ExportFormat { kCsv, kXlsx };
// "csv" or "xlsx"; a 400 naming `format` otherwise.
Result<ExportFormat> ExportFormatFrom(std::string_view text);
const char* ExportFormatName(ExportFormat f);
const char* ExportContentType(ExportFormat f);

// Writes the rows of one table into `sink`; calls `progress` with the rows written so far.
using ExportWork = std::function<Status(exports::TableSink& sink, const std::function<void(int64_t)>& progress)>;

class ExportService {
 public:
  ExportService(store::Store* store, SraService* sras, MethodRegistry* methods, const Clock* clock, IdGen* ids,
                ExportOptions options);
  ~ExportService();  // lets running jobs end, removes every file left
  ExportService(const ExportService&) = delete;
  ExportService& operator=(const ExportService&) = delete;

  int64_t job_threshold_rows() const { return options_.job_threshold_rows; }

  // The SRA's register (same read rule as GET /sras/{id}); the file name carries the area, the
  // version and the requester's name.
  Result<ExportFile> SraRegister(const Principal& p, const std::string& sra_id, exports::Language lang);
  // Every area of the country the reader may see, with its SRA in force and its scenarios.
  Result<ExportFile> CountryRegister(const Principal& p, const std::string& country_id, exports::Language lang);
  // The current or residual heatmap ("current" | "residual") as an SVG document.
  Result<std::string> HeatmapSvg(const Principal& p, const std::string& sra_id, std::string_view kind,
                                 exports::Language lang);
  // The same heatmap as PNG (Cairo), `scale` pixels per SVG pixel (1-4): for slides.
  Result<std::string> HeatmapPng(const Principal& p, const std::string& sra_id, std::string_view kind,
                                 exports::Language lang, int scale);
  // The map of an area (export/area_map.h) for whoever may see the area (404 unknown, 403 outside
  // the reader's scope): its neighbours among the areas the reader may see, the most recent
  // incidents placed in it (at most kAreaMapIncidents, read through `evidence`'s scope rule; none
  // when null), and the overall residual risk of the SRA in force when the reader may read it.
  static constexpr int kAreaMapIncidents = 2000;
  Result<exports::Picture> AreaMap(const Principal& p, const std::string& area_id, exports::Language lang,
                                   EvidenceService* evidence);

  // A list written now (at most job_threshold_rows rows are expected).
  Result<ExportFile> WriteNow(const Principal& p, const std::string& kind, ExportFormat format, const ExportWork& work);
  // A list written by a background job; returns the running job at once (503 when the queue is full).
  Result<ExportJob> StartJob(const Principal& p, const std::string& kind, ExportFormat format, int64_t rows_total,
                             ExportWork work);
  // The job of this id when `p` started it (404 otherwise, so ids of others are not confirmed).
  Result<ExportJob> GetJob(const Principal& p, const std::string& id);
  // The finished job's file, copied so the job keeps its own for later downloads within keep_ms.
  Result<ExportFile> JobFile(const Principal& p, const std::string& id);

 private:
  struct ReadSra;
  struct HeatmapParts;
  Result<HeatmapParts> Heatmap(const Principal& p, const std::string& sra_id, std::string_view kind,
                               exports::Language lang);
  Result<ReadSra> Read(const Principal& p, const std::string& sra_id);
  Result<std::string> NewPath(std::string_view ext);
  Result<std::unique_ptr<exports::TableSink>> OpenSink(const std::string& path, ExportFormat format,
                                                       const std::string& title, const std::string& author,
                                                       bool long_list);
  exports::RegisterContext ContextFor(const Principal& p, exports::Language lang);
  void RunJob(const std::string& id, ExportWork work);
  void Expire();  // removes finished jobs older than keep_ms, with their files

  store::Store* store_;
  SraService* sras_;
  MethodRegistry* methods_;
  const Clock* clock_;
  IdGen* ids_;
  ExportOptions options_;
  std::mutex mu_;
  std::map<std::string, ExportJob> jobs_;
  std::atomic<bool> stopping_{false};
  JobPool pool_{1, 8};  // last member: joined first
};

}  // namespace srm::service
