#include "service/evidence.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/calendar.h"
#include "core/private_files.h"
#include "core/safe_json.h"
#include "evidence/boundaries.h"
#include "evidence/coverage.h"
#include "evidence/dates.h"
#include "evidence/formats.h"
#include "service/scope.h"

namespace srm::service {
namespace {

using nlohmann::json;
using domain::Role;

constexpr const char* kJobKind = "incident_import";
constexpr const char* kProposalKind = "review_proposal";

bool CanImport(const Principal& p) { return p.Has(Role::kAdmin) || p.Has(Role::kSecurityProfessional); }
bool SeesEverything(const Principal& p) { return p.Has(Role::kAdmin) || p.Has(Role::kAuditor); }

store::AuditEvent Audit(const Principal& p, const std::string& action, const std::string& type, const std::string& id,
                        const std::string& after) {
  store::AuditEvent e;
  e.actor_id = p.user.id;
  e.actor_name = p.user.username;
  e.role = p.Has(Role::kAdmin) ? "admin" : p.Has(Role::kSecurityProfessional) ? "security_professional" : "system";
  e.action = action;
  e.object_type = type;
  e.object_id = id;
  e.after = after;
  e.request_id = p.request_id;
  return e;
}

json CountsJson(const evidence::ImportCounts& c) {
  json by = json::object();
  for (size_t i = 0; i < c.by_precision.size(); ++i)
    if (c.by_precision[i] > 0) by[evidence::PrecisionName(static_cast<evidence::Precision>(i))] = c.by_precision[i];
  return {{"layout", c.layout},          {"bytes_read", c.bytes_read},   {"total_bytes", c.total_bytes},
          {"records", c.records},        {"accepted", c.accepted},       {"inserted", c.inserted},
          {"duplicates", c.duplicates},  {"placed", c.placed},           {"unplaced", c.unplaced},
          {"refused", c.refused},        {"refused_not_kept", c.refused_not_kept},
          {"unmapped", c.unmapped},      {"context_only", c.context_only}, {"by_precision", by},
          {"unmapped_types", c.unmapped_types}, {"covers", c.covers}};
}

int64_t I64(const json& j, const char* k) { return j.contains(k) && j[k].is_number_integer() ? j[k].get<int64_t>() : 0; }

// A text member, "" when absent or not text (a failed job's error has "field": null).
std::string Str(const json& j, const char* k) {
  return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string();
}

ImportJob JobFromJson(const json& j) {
  ImportJob job;
  job.id = Str(j, "id");
  job.status = Str(j, "status");
  job.file_name = Str(j, "file_name");
  job.areas = Str(j, "areas");
  job.user = Str(j, "user");
  job.started_at = Str(j, "started_at");
  job.finished_at = Str(j, "finished_at");
  if (j.contains("error") && j["error"].is_object()) {
    job.error.code = Str(j["error"], "code");
    job.error.message = Str(j["error"], "message");
    job.error.field = Str(j["error"], "field");
  }
  if (j.contains("placed_countries") && j["placed_countries"].is_array()) {
    job.placed_countries.emplace();
    for (const auto& c : j["placed_countries"])
      if (c.is_string()) job.placed_countries->push_back(c.get<std::string>());
  }
  if (j.contains("counts") && j["counts"].is_object()) {
    const json& c = j["counts"];
    auto& k = job.counts;
    k.layout = Str(c, "layout");
    k.bytes_read = static_cast<uint64_t>(I64(c, "bytes_read"));
    k.total_bytes = static_cast<uint64_t>(I64(c, "total_bytes"));
    k.records = I64(c, "records");
    k.accepted = I64(c, "accepted");
    k.inserted = I64(c, "inserted");
    k.duplicates = I64(c, "duplicates");
    k.placed = I64(c, "placed");
    k.unplaced = I64(c, "unplaced");
    k.refused = I64(c, "refused");
    k.refused_not_kept = I64(c, "refused_not_kept");
    k.unmapped = I64(c, "unmapped");
    k.context_only = I64(c, "context_only");
    if (c.contains("by_precision") && c["by_precision"].is_object())
      for (size_t i = 0; i < k.by_precision.size(); ++i)
        k.by_precision[i] = I64(c["by_precision"], evidence::PrecisionName(static_cast<evidence::Precision>(i)));
    if (c.contains("unmapped_types") && c["unmapped_types"].is_object())
      for (auto it = c["unmapped_types"].begin(); it != c["unmapped_types"].end(); ++it)
        if (it.value().is_number_integer()) k.unmapped_types[it.key()] = it.value().get<int64_t>();
    // Jobs recorded before sources declared their coverage: the built-in layout's.
    if (c.contains("covers") && c["covers"].is_array()) {
      for (const auto& v : c["covers"])
        if (v.is_string()) k.covers.push_back(v.get<std::string>());
    } else if (const auto* builtin = evidence::BuiltinCoverage(k.layout)) {
      k.covers = *builtin;
    }
  }
  return job;
}

bool ParseDay(const std::string& text, int32_t* day) {
  const auto parsed = calendar::ParseIsoDate(text);
  if (parsed) *day = *parsed;
  return parsed.has_value();
}

// A file name as the user gave it: shown in the job and its audit entry, so text only.
Status CheckFileName(const std::string& name) {
  if (name.size() > 200) return Invalid("invalid_value", "file_name is too long (at most 200 bytes)", "file_name");
  bool clean = evidence::ValidUtf8(name);
  for (unsigned char c : name) clean = clean && c >= 0x20 && c != 0x7f;
  if (!clean) return Invalid("invalid_value", "file_name must be UTF-8 text without control characters", "file_name");
  return {};
}

// The IO of the importer: a FILE* read in chunks.
struct FileSource {
  FILE* f = nullptr;
  ~FileSource() {
    if (f) std::fclose(f);
  }
};

}  // namespace

json ImportJobJson(const ImportJob& j) {
  json out{{"id", j.id},
           {"status", j.status},
           {"file_name", j.file_name},
           {"areas", j.areas},
           {"user", j.user},
           {"started_at", j.started_at},
           {"finished_at", j.finished_at.empty() ? json(nullptr) : json(j.finished_at)},
           {"counts", CountsJson(j.counts)}};
  const double total = static_cast<double>(j.counts.total_bytes);
  out["progress"] = j.status == "running" ? (total > 0 ? std::min(1.0, j.counts.bytes_read / total) : 0.0) : 1.0;
  if (j.status == "failed")
    out["error"] = {{"code", j.error.code}, {"message", j.error.message},
                    {"field", j.error.field.empty() ? json(nullptr) : json(j.error.field)}};
  return out;
}

json IncidentJson(const store::StoredIncident& s) {
  const evidence::Incident& i = s.incident;
  static const char* kDatePrecision[] = {"day", "month", "year"};
  return {{"id", s.id},
          {"source", i.source},
          {"source_id", i.source_id},
          {"date", evidence::FormatDay(i.day)},
          {"date_precision", kDatePrecision[std::min<int>(i.date_precision, 2)]},
          {"lat", i.has_point ? json(i.lat) : json(nullptr)},
          {"lon", i.has_point ? json(i.lon) : json(nullptr)},
          {"country", i.country},
          {"admin1", i.admin1},
          {"location", i.location},
          {"event_type", i.event_type},
          {"sub_event_type", i.sub_event_type},
          {"actor_type", i.actor_type},
          {"category", i.category.empty() ? json(nullptr) : json(i.category)},
          {"fatalities", i.fatalities},
          {"aid_worker_victims", i.aid_victims},
          {"un_victims", i.un_victims},
          {"notes", i.notes},
          {"area_id", i.area_id.empty() ? json(nullptr) : json(i.area_id)},
          {"placement", evidence::PrecisionName(i.precision)},
          {"placement_note", i.placement_note},
          {"import_id", s.import_id},
          {"line", i.line}};
}

EvidenceService::EvidenceService(store::Store* store, store::IncidentStore* incidents, MethodRegistry* methods,
                                 const Clock* clock, IdGen* ids)
    : store_(store), incidents_(incidents), methods_(methods), clock_(clock), ids_(ids) {
  auto pack = domain::ParseMethodPack(domain::DefaultMethodPackJson());
  if (pack) default_pack_ = std::make_shared<const domain::MethodPack>(std::move(*pack));
}

EvidenceService::~EvidenceService() {
  stopping_ = true;
  pool_.Shutdown();  // every accepted job still ends with its record (failed) and no upload left
}

void EvidenceService::SetUploadDirectory(std::string dir) { upload_dir_ = std::move(dir); }

void EvidenceService::SetFaultLog(std::function<void(const std::string&, const std::string&)> log) {
  fault_log_ = std::move(log);
}

void EvidenceService::Fault(const std::string& job_id, const std::string& detail) {
  if (fault_log_) fault_log_(job_id, detail);
}

int32_t EvidenceService::Today() const { return calendar::DayOfMillis(clock_->NowMillis()); }

Result<std::pair<PackPtr, const domain::EvidenceParams*>> EvidenceService::Params() {
  SRM_ASSIGN(pack, methods_->Active());
  if (pack->has_evidence) return std::pair{pack, &pack->evidence};
  if (!default_pack_) return Internal("the default method pack does not parse");
  return std::pair{pack, &default_pack_->evidence};
}

Result<std::shared_ptr<const evidence::AreaIndex>> EvidenceService::AreasFor(const std::string& set) {
  if (set != "all" && set != "admin1" && set != "carana" && !set.starts_with("country:"))
    return Invalid("invalid_value", "areas must be all, admin1, carana or country:<id>", "areas");
  SRM_ASSIGN(plain, store_->ListAreas("", false));
  {
    std::lock_guard lock(mu_);
    auto it = area_cache_.find(set);
    if (it != area_cache_.end() && it->second && it->second->stats().areas == plain.size()) return it->second;
  }
  SRM_ASSIGN(countries, store_->ListCountries());
  std::unordered_map<std::string, domain::Country> by_id;
  for (auto& c : countries) by_id[c.id] = c;
  SRM_ASSIGN(areas, store_->ListAreas("", true));
  std::vector<evidence::AreaShape> shapes;
  for (auto& a : areas) {
    bool in = set == "all" || (set == "admin1" && a.id.starts_with("adm1-")) ||
              (set == "carana" && a.country_id == "cty_carana") ||
              (set.starts_with("country:") && a.country_id == set.substr(8));
    if (!in) continue;
    evidence::AreaShape s{a.id, a.name, {}, std::move(a.geometry)};
    if (auto c = by_id.find(a.country_id); c != by_id.end()) {
      s.country_keys = {c->second.name, c->second.iso2};
      if (c->second.id.starts_with("cty-")) s.country_keys.push_back(c->second.id.substr(4));
    }
    shapes.push_back(std::move(s));
  }
  if (shapes.empty() && set == "all") return std::shared_ptr<const evidence::AreaIndex>();  // kept, not placed
  if (shapes.empty()) return Unprocessable("no_areas", "no SRM area matches '" + set + "'; load areas first (srm areas import-geojson)", "areas");
  SRM_ASSIGN(built, evidence::AreaIndex::Build(std::move(shapes)));
  std::shared_ptr<const evidence::AreaIndex> index(std::move(built));
  // Keyed on the number of all areas, so an area added elsewhere rebuilds the index.
  const_cast<evidence::AreaIndexStats&>(index->stats()).areas = plain.size();
  std::lock_guard lock(mu_);
  area_cache_[set] = index;
  return index;
}

Result<ImportJob> EvidenceService::Import(const Principal& p, const ImportRequest& r,
                                          std::function<void(const evidence::ImportCounts&)> progress) {
  if (!CanImport(p)) return Forbidden("importing incidents needs the admin or security_professional role");
  const std::string id = ids_->NewId("imp");
  return Run(p, r, id, progress);
}

Result<ImportJob> EvidenceService::StartUploadedImport(const Principal& p, ImportRequest r, std::string_view file) {
  if (!CanImport(p)) return Forbidden("importing incidents needs the admin or security_professional role");
  SRM_TRY(CheckFileName(r.file_name));
  if (upload_dir_.empty()) return Unavailable("uploads are not enabled on this server (no upload directory)");
  SRM_ASSIGN(path, WritePrivateFile(upload_dir_, "upload-", ".csv", file));
  r.file_path = path;
  r.remove_file_after = true;
  auto job = StartImport(p, r);
  if (!job) {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  return job;
}

Result<ImportJob> EvidenceService::StartUploadedFileImport(const Principal& p, ImportRequest r,
                                                           const std::string& path) {
  if (!CanImport(p)) return Forbidden("importing incidents needs the admin or security_professional role");
  SRM_TRY(CheckFileName(r.file_name));
  if (upload_dir_.empty()) return Unavailable("uploads are not enabled on this server (no upload directory)");
  // Renamed into the upload directory under a name of ours: the request's own copy is gone, the
  // job removes this one when it ends.
  const std::string kept = (std::filesystem::path(upload_dir_) / ("upload-" + ids_->NewId("f") + ".csv")).string();
  std::error_code ec;
  std::filesystem::rename(path, kept, ec);
  if (ec) return Unavailable("cannot keep the upload for import: " + ec.message());
  SRM_TRY(RestrictToOwner(kept));
  r.file_path = kept;
  r.remove_file_after = true;
  auto job = StartImport(p, r);
  if (!job) std::filesystem::remove(kept, ec);
  return job;
}

Result<ImportJob> EvidenceService::StartImport(const Principal& p, ImportRequest r) {
  if (!CanImport(p)) return Forbidden("importing incidents needs the admin or security_professional role");
  SRM_TRY(CheckFileName(r.file_name));
  if (!r.mapping_json.empty()) SRM_TRY(evidence::ParseColumnMapping(r.mapping_json));
  SRM_TRY(AreasFor(r.areas));  // refuse an unknown area set now, not in the background
  ImportJob job;
  job.id = ids_->NewId("imp");
  job.status = "running";
  job.file_name = r.file_name;
  job.areas = r.areas;
  job.user = p.user.username;
  job.started_at = FormatTimestamp(clock_->NowMillis());
  std::lock_guard lock(mu_);
  running_[job.id] = job;
  if (!pool_.Submit([this, p, r, id = job.id] { RunJob(p, r, id); })) {
    running_.erase(job.id);
    return Unavailable("too many imports are running or waiting; try again in a moment");
  }
  return job;
}

// A background job lets nothing escape: Run records its own failures; what could still throw is
// logged with the job id, and the job leaves the running list whatever happened.
void EvidenceService::RunJob(const Principal& p, const ImportRequest& r, const std::string& id) {
  try {
    (void)Run(p, r, id, {});
  } catch (const std::exception& e) {
    Fault(id, e.what());
  } catch (...) {
    Fault(id, "unknown exception");
  }
  std::lock_guard lock(mu_);
  running_.erase(id);
}

Result<ImportJob> EvidenceService::Run(const Principal& p, const ImportRequest& r, const std::string& id,
                                       const std::function<void(const evidence::ImportCounts&)>& progress) {
  struct RemoveAfter {  // the upload goes whatever happens below
    const ImportRequest& r;
    ~RemoveAfter() {
      if (r.remove_file_after) {
        std::error_code ec;
        std::filesystem::remove(r.file_path, ec);
      }
    }
  } remove_after{r};
  ImportJob job;
  job.id = id;
  job.status = "running";
  job.file_name = r.file_name.empty() ? std::filesystem::path(r.file_path).filename().string() : r.file_name;
  if (!CheckFileName(job.file_name)) job.file_name = evidence::Utf8Prefix(job.file_name, 200);  // a path from the CLI
  job.areas = r.areas;
  job.user = p.user.username;
  job.started_at = FormatTimestamp(clock_->NowMillis());

  Result<evidence::ImportCounts> outcome = Unavailable("the server stopped before the import started");
  std::set<std::string> placed_areas;
  if (!stopping_) {
    try {
      outcome = RunPipeline(r, id, job.file_name, progress, &placed_areas);
    } catch (const std::exception& e) {  // our fault: the details to the log, a stable reason to the job
      Fault(id, e.what());
      outcome = Internal("internal error; the server log has the details under job id " + id);
    } catch (...) {
      Fault(id, "unknown exception");
      outcome = Internal("internal error; the server log has the details under job id " + id);
    }
  }
  job.finished_at = FormatTimestamp(clock_->NowMillis());
  if (outcome) {
    job.status = "done";
    job.counts = *outcome;
    // Where its categories count as covered: the countries of the areas it placed incidents in.
    std::set<std::string> countries;
    for (const auto& area_id : placed_areas) {
      auto area = store_->GetArea(area_id);
      if (area && *area) countries.insert((*area)->country_id);
    }
    job.placed_countries.emplace(countries.begin(), countries.end());
  } else {
    job.status = "failed";
    job.error = outcome.error();
    std::lock_guard lock(mu_);
    if (auto it = running_.find(id); it != running_.end()) job.counts = it->second.counts;
  }
  // A failed import keeps none of its rows. Its batches were committed one by one (the incident
  // tables are written on connections of their own, apart from the job record's transaction), so
  // they are removed here, before the failed job is recorded.
  auto discard = [&]() -> Status {
    auto removed = incidents_->RemoveImport(id);
    if (!removed) Fault(id, "the rows of the failed import could not be removed: " + removed.error().message);
    job.counts.inserted = 0;
    return removed;
  };
  if (!outcome) (void)discard();
  // One audited record per import job, with its counts.
  auto record = [&]() -> Status {
    json doc = ImportJobJson(job);
    if (job.placed_countries) doc["placed_countries"] = *job.placed_countries;
    store::DocRow row;
    row.kind = kJobKind;
    row.id = job.id;
    row.status = job.status;
    row.owner_id = p.user.id;
    row.created_at = job.started_at;
    row.updated_at = job.finished_at;
    row.doc = SafeDump(doc);
    json audit_after = {{"file_name", job.file_name}, {"status", job.status}, {"counts", CountsJson(job.counts)}};
    if (job.status == "failed") audit_after["error"] = job.error.message;
    return store_->WriteDocs({store::DocWrite{row, 0}},
                             {Audit(p, "incidents.import", kJobKind, job.id, SafeDump(audit_after))});
  };
  if (Status recorded = record(); !recorded) {
    // No record, no rows: rows must never point at an import nobody can see.
    if (outcome) (void)discard();
    return std::unexpected(recorded.error());
  }
  if (!outcome) return std::unexpected(outcome.error());
  if (job.counts.inserted > 0) (void)EvaluateTriggers(p);
  return job;
}

// The import itself: CSV -> incidents in batches. Every successful BeginBulk gets its EndBulk, also
// when the importer fails or throws.
Result<evidence::ImportCounts> EvidenceService::RunPipeline(
    const ImportRequest& r, const std::string& id, const std::string& file_name,
    const std::function<void(const evidence::ImportCounts&)>& progress, std::set<std::string>* placed_areas) {
  SRM_ASSIGN(params, Params());
  evidence::ImportOptions opts;
  if (!r.mapping_json.empty()) {
    SRM_ASSIGN(mapping, evidence::ParseColumnMapping(r.mapping_json));
    opts.mapping = std::move(mapping);
  }
  opts.max_day = Today();
  SRM_ASSIGN(areas, AreasFor(r.areas));
  FileSource src;
  src.f = std::fopen(r.file_path.c_str(), "rb");
  if (src.f == nullptr) return Invalid("unreadable_file", "cannot open " + file_name, "file");
  std::error_code ec;
  const uint64_t size = std::filesystem::file_size(r.file_path, ec);
  evidence::CategoryMapper categories(*params.second);
  struct Sink : evidence::ImportSink {
    EvidenceService* self;
    const std::string* id;
    const std::function<void(const evidence::ImportCounts&)>* progress;
    std::set<std::string>* placed_areas;  // one Write at a time: no lock needed
    Status Write(std::vector<evidence::Incident>& inc, std::vector<evidence::RefusedRow>& ref,
                 evidence::ImportCounts* counts) override {
      if (self->stopping_) return Unavailable("the server is stopping; the import was interrupted");
      SRM_ASSIGN(done, self->incidents_->AddBatch(*id, inc, ref));
      for (const auto& i : inc)
        if (!i.area_id.empty()) placed_areas->insert(i.area_id);
      counts->inserted += done.inserted;
      counts->duplicates += done.duplicates;
      return {};
    }
    void Progress(const evidence::ImportCounts& c) override {
      {
        std::lock_guard lock(self->mu_);
        if (auto it = self->running_.find(*id); it != self->running_.end()) it->second.counts = c;
      }
      if (*progress) (*progress)(c);
    }
  } sink;
  sink.self = this;
  sink.id = &id;
  sink.progress = &progress;
  sink.placed_areas = placed_areas;
  FILE* f = src.f;
  // A large file may let the store build its by-area indexes once at the end instead of row by
  // row; the estimate is an upper bound (no incident row is shorter than ~100 bytes).
  SRM_TRY(incidents_->BeginBulk(ec ? 0 : static_cast<int64_t>(size / 100)));
  struct Bulk {
    store::IncidentStore* store;
    bool ended = false;
    Status End() {
      ended = true;
      return store->EndBulk();
    }
    ~Bulk() {
      if (ended) return;
      try {
        (void)store->EndBulk();
      } catch (...) {  // unwinding already: the exception on its way is the one reported
      }
    }
  } bulk{incidents_};
  auto counts = evidence::RunImport(
      [f](char* buf, size_t cap) -> long long {
        const size_t n = std::fread(buf, 1, cap, f);
        if (n == 0 && std::ferror(f)) return -1;
        return static_cast<long long>(n);
      },
      ec ? 0 : size, opts, categories, areas.get(), sink);
  Status ended = bulk.End();  // also after a failed import: the indexes come back
  if (!counts) return counts;
  SRM_TRY(ended);
  return counts;
}

Result<ImportJob> EvidenceService::GetImport(const Principal& p, const std::string& id) {
  {
    std::lock_guard lock(mu_);
    if (auto it = running_.find(id); it != running_.end()) {
      if (it->second.user != p.user.username && !SeesEverything(p)) return NotFound("import " + id);
      return it->second;
    }
  }
  SRM_ASSIGN(row, store_->GetDoc(kJobKind, id));
  if (!row) return NotFound("import " + id);
  if (row->owner_id != p.user.id && !SeesEverything(p)) return NotFound("import " + id);
  json j = json::parse(row->doc, nullptr, false);
  if (j.is_discarded()) return Internal("import record " + id + " is not JSON");
  return JobFromJson(j);
}

Result<std::map<std::string, std::vector<std::string>>> EvidenceService::Coverage(const std::string& country_id) {
  store::DocFilter f;
  f.kind = kJobKind;
  f.status = "done";
  f.with_doc = true;
  store::PageRequest page{500, ""};
  std::map<std::string, std::set<std::string>> layouts;  // category -> layouts that record it
  for (;;) {
    SRM_ASSIGN(rows, store_->ListDocs(f, page));
    for (const auto& row : rows.items) {
      const json j = json::parse(row.doc, nullptr, false);
      if (j.is_discarded()) continue;
      const ImportJob job = JobFromJson(j);
      if (job.counts.accepted == 0) continue;  // nothing of that source is here
      // A source covers its categories in the countries it placed incidents in, not elsewhere:
      // ACLED imported for one country is no evidence of quiet in another.
      if (job.placed_countries && std::find(job.placed_countries->begin(), job.placed_countries->end(),
                                            country_id) == job.placed_countries->end())
        continue;
      for (const auto& c : job.counts.covers) layouts[c].insert(job.counts.layout);
    }
    if (rows.next.empty()) break;
    page.after = rows.next;
  }
  std::map<std::string, std::vector<std::string>> out;
  for (auto& [c, l] : layouts) out[c] = {l.begin(), l.end()};
  return out;
}

Result<store::Page<store::StoredRefusal>> EvidenceService::Refused(const Principal& p, const std::string& import_id,
                                                                   const store::PageRequest& page) {
  SRM_TRY(GetImport(p, import_id));
  return incidents_->ListRefused(import_id, page);
}

Result<store::Page<store::StoredIncident>> EvidenceService::Unplaced(const Principal& p, const std::string& import_id,
                                                                     const store::PageRequest& page) {
  SRM_TRY(GetImport(p, import_id));
  store::IncidentFilter f;
  f.import_id = import_id;
  f.unplaced_only = true;
  return incidents_->ListIncidents(f, page);
}

Result<BoundaryImportResult> EvidenceService::ImportBoundaries(const Principal& p, const std::vector<std::string>& paths) {
  if (!p.Has(Role::kAdmin)) return Forbidden("loading areas needs the admin role");
  BoundaryImportResult out;
  SRM_ASSIGN(existing, store_->ListCountries());
  std::set<std::string> countries;
  for (const auto& c : existing) countries.insert(c.id);
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Invalid("unreadable_file", "cannot open " + path, "file");
    std::stringstream ss;
    ss << in.rdbuf();
    SRM_ASSIGN(features, evidence::ReadBoundaries(ss.str(), path));
    // Check every geometry before writing anything from this file.
    {
      std::vector<evidence::AreaShape> shapes;
      for (const auto& f : features) shapes.push_back(f.shape);
      SRM_TRY(evidence::AreaIndex::Build(std::move(shapes)));
    }
    ++out.files;
    for (const auto& f : features) {
      const std::string country_id = evidence::SafeId("cty-" + (f.iso3.empty() ? f.country_name : f.iso3));
      if (!countries.contains(country_id)) {
        domain::Country c{country_id, "", f.iso2 == "-99" ? "" : f.iso2, f.country_name};
        SRM_TRY(store_->PutCountry(c, Audit(p, "country.put", "country", country_id, json{{"name", c.name}}.dump())));
        countries.insert(country_id);
        ++out.countries;
      }
      domain::Area a{f.shape.id, country_id, f.shape.name, f.shape.geojson};
      SRM_TRY(store_->PutArea(a, Audit(p, "area.put", "area", a.id,
                                       json{{"name", a.name}, {"country_id", country_id}, {"source", path}}.dump())));
      ++out.areas;
    }
  }
  std::lock_guard lock(mu_);
  area_cache_.clear();
  return out;
}

Result<int> EvidenceService::EvaluateTriggers(const Principal& p) {
  if (!CanImport(p)) return Forbidden("evaluating review triggers needs the admin or security_professional role");
  SRM_ASSIGN(params, Params());
  const domain::MethodPack& pack = *params.first;
  const domain::EvidenceParams& ep = *params.second;
  const int32_t today = Today();
  int proposed = 0;
  store::SraFilter filter;
  filter.statuses = {"published"};
  store::PageRequest page;
  page.limit = 500;
  for (;;) {
    SRM_ASSIGN(sras, store_->ListSras(filter, page));
    for (const store::SraRow& sra : sras.items) {
      const std::string proposal_id = evidence::SafeId("rp-" + sra.id);
      SRM_ASSIGN(existing, store_->GetDoc(kProposalKind, proposal_id));
      if (existing) continue;  // once per SRA version
      int32_t published = 0;
      if (!ParseDay(sra.updated_at.substr(0, 10), &published) || published >= today) continue;
      SRM_ASSIGN(then, Compute(pack, ep, sra.area_id, published, ep.sra_period_days));
      SRM_ASSIGN(now, Compute(pack, ep, sra.area_id, today, ep.sra_period_days));
      json changes = json::array();
      for (size_t i = 0; i < now.size(); ++i) {
        const auto& a = then[i];
        const auto& b = now[i];
        std::vector<std::string> why;
        if (b.likelihood_index - a.likelihood_index >= ep.trigger_likelihood_step)
          why.push_back("suggested likelihood rose from " + a.likelihood + " to " + b.likelihood);
        if (b.counts[1] >= ep.trigger_min_events && b.rate_per_day > 0 &&
            (a.rate_per_day == 0 || b.rate_per_day >= ep.trigger_rate_ratio * a.rate_per_day)) {
          char buf[160];
          std::snprintf(buf, sizeof buf, "decayed rate %.4g/day against %.4g/day at publication (x%.2g or more)",
                        b.rate_per_day, a.rate_per_day, ep.trigger_rate_ratio);
          why.push_back(buf);
        }
        if (why.empty()) continue;
        changes.push_back({{"category", b.category}, {"reasons", why}, {"at_publication", IndicatorsJson(a)},
                           {"now", IndicatorsJson(b)}});
      }
      if (changes.empty()) continue;
      const std::string now_ts = FormatTimestamp(clock_->NowMillis());
      json doc{{"id", proposal_id},
               {"title", "Review proposed - change in the area"},
               {"trigger", "change_in_area"},
               {"sra_id", sra.id},
               {"sra_title", sra.title},
               {"area_id", sra.area_id},
               {"published_on", evidence::FormatDay(published)},
               {"as_of", evidence::FormatDay(today)},
               {"method_version", pack.version},
               {"changes", changes},
               {"created_at", now_ts}};
      store::DocRow row;
      row.kind = kProposalKind;
      row.id = proposal_id;
      // A specific SRA's proposal is its organization's (service/scope.h); an area SRA's, everyone's.
      row.org_id = sra.kind == "specific" ? sra.organization_id : "";
      row.country_id = sra.country_id;
      row.area_id = sra.area_id;
      row.status = "open";
      row.ref_id = sra.id;
      row.owner_id = "system";
      row.created_at = row.updated_at = now_ts;
      row.doc = doc.dump();
      auto written = store_->WriteDocs({store::DocWrite{row, 0}},
                                       {Audit(p, "review.propose", kProposalKind, proposal_id, doc.dump())});
      if (!written) {
        if (written.error().kind == ErrorKind::kConflict) continue;  // proposed meanwhile by another caller
        return std::unexpected(written.error());
      }
      ++proposed;
    }
    if (sras.next.empty()) break;
    page.after = sras.next;
  }
  return proposed;
}

Result<store::Page<store::DocRow>> EvidenceService::Proposals(const Principal& p, const store::PageRequest& page) {
  store::DocFilter f;
  f.kind = kProposalKind;
  f.with_doc = true;
  // Proposals name their SRA: the SRA read rule (service/scope.h), in the store query.
  SRM_TRY(ScopeSraDocList(store_, p, &f));
  return store_->ListDocs(f, page);
}

}  // namespace srm::service
