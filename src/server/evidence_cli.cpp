#include "server/evidence_cli.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "evidence/formats.h"
#include "service/evidence.h"

namespace srm::server {
namespace {

std::string Mb(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

// A progress bar redrawn in place on a terminal, or a line every 10% otherwise.
class ProgressBar {
 public:
  explicit ProgressBar(std::ostream& err, bool quiet) : err_(err), quiet_(quiet), tty_(isatty(STDERR_FILENO)) {}
  void Update(const evidence::ImportCounts& c, bool last = false) {
    if (quiet_) return;
    const auto now = std::chrono::steady_clock::now();
    const double frac = c.total_bytes > 0 ? std::min(1.0, static_cast<double>(c.bytes_read) / c.total_bytes) : 0;
    if (tty_) {
      if (!last && now - shown_ < std::chrono::milliseconds(150)) return;
    } else {
      if (static_cast<int>(frac * 10) <= decile_) return;
      decile_ = static_cast<int>(frac * 10);
    }
    shown_ = now;
    const int width = 30, filled = static_cast<int>(frac * width);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(width, ' ');
    const double secs = std::chrono::duration<double>(now - start_).count();
    char line[256];
    std::snprintf(line, sizeof line, "[%s] %3.0f%%  %s / %s  rows %lld  placed %lld  refused %lld  %.0f rows/s",
                  bar.c_str(), frac * 100, Mb(c.bytes_read).c_str(), Mb(c.total_bytes).c_str(),
                  static_cast<long long>(c.records), static_cast<long long>(c.placed),
                  static_cast<long long>(c.refused), secs > 0 ? c.records / secs : 0.0);
    err_ << (tty_ ? "\r" : "") << line << (tty_ && !last ? "" : "\n") << std::flush;
  }

 private:
  std::ostream& err_;
  bool quiet_, tty_;
  int decile_ = -1;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), shown_{};
};

int ImportIncidents(const EvidenceCli& e, App& app, std::ostream& out, std::ostream& err) {
  service::ImportRequest r;
  r.file_path = e.file;
  r.areas = e.areas;
  if (!e.mapping.empty()) {
    std::string_view shipped = evidence::ShippedMapping(e.mapping);
    if (!shipped.empty()) {
      r.mapping_json = std::string(shipped);
    } else {
      std::ifstream in(e.mapping, std::ios::binary);
      if (!in) {
        err << "error: --mapping " << e.mapping << " is neither a file nor a shipped mapping (";
        for (const auto& [name, text] : evidence::ShippedMappings()) err << name << " ";
        err << ")\n";
        return 1;
      }
      std::stringstream ss;
      ss << in.rdbuf();
      r.mapping_json = ss.str();
    }
  }
  const service::Principal p = service::ConsolePrincipal(getenv("USER") ? getenv("USER") : "");
  ProgressBar bar(err, e.quiet);
  const auto t0 = std::chrono::steady_clock::now();
  auto job = app.evidence->Import(p, r, [&](const evidence::ImportCounts& c) { bar.Update(c); });
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!job) {
    cli::PrintError(err, job.error());
    return 1;
  }
  bar.Update(job->counts, true);
  const auto& c = job->counts;
  out << "import " << job->id << " (" << c.layout << "): " << c.records << " records, " << c.accepted
      << " accepted (" << c.inserted << " new, " << c.duplicates << " already stored), " << c.refused
      << " refused; " << c.placed << " placed, " << c.unplaced << " not placed; " << c.unmapped
      << " with no category rule, " << c.context_only << " context only\n";
  out << "placement:";
  for (size_t i = 1; i < c.by_precision.size(); ++i)
    if (c.by_precision[i] > 0)
      out << " " << evidence::PrecisionName(static_cast<evidence::Precision>(i)) << " " << c.by_precision[i];
  char rate[96];
  std::snprintf(rate, sizeof rate, "\ntime: %.2f s, %.0f rows/s\n", secs, secs > 0 ? c.records / secs : 0.0);
  out << rate;
  for (const auto& [type, n] : c.unmapped_types) out << "no category rule: " << type << " (" << n << " rows)\n";
  // Refused and unplaced rows are listed with their reason, the first kListed of each here; all of
  // them are kept in the database (GET /api/v1/imports/{id}/refused and /unplaced).
  constexpr int kListed = 1000;
  auto refused = app.evidence->Refused(p, job->id, {kListed, ""});
  if (refused) {
    for (const auto& x : refused->items)
      out << "refused line " << x.row.line << (x.row.field.empty() ? "" : " [" + x.row.field + "]") << ": "
          << x.row.reason << "\n";
    if (refused->total > kListed)
      out << "... and " << refused->total - kListed << " more refused rows (GET /api/v1/imports/" << job->id
          << "/refused)\n";
  }
  if (c.refused_not_kept > 0) out << "... and " << c.refused_not_kept << " more refused rows counted, not kept\n";
  if (c.placed == 0 && c.unplaced > 0 && c.unplaced == c.accepted) {
    auto first = app.evidence->Unplaced(p, job->id, {1, ""});
    out << "none of the " << c.unplaced << " incidents was placed: "
        << (first && !first->items.empty() ? first->items[0].incident.placement_note : std::string("no areas")) << "\n";
    return 0;
  }
  auto unplaced = app.evidence->Unplaced(p, job->id, {kListed, ""});
  if (unplaced) {
    for (const auto& x : unplaced->items)
      out << "not placed line " << x.incident.line << " (" << x.incident.source << " " << x.incident.source_id
          << "): " << x.incident.placement_note << "\n";
    if (unplaced->total > kListed)
      out << "... and " << unplaced->total - kListed << " more not placed (GET /api/v1/imports/" << job->id
          << "/unplaced)\n";
  }
  return 0;
}

int ImportAreas(const EvidenceCli& e, App& app, std::ostream& out, std::ostream& err) {
  const service::Principal p = service::ConsolePrincipal(getenv("USER") ? getenv("USER") : "");
  auto r = app.evidence->ImportBoundaries(p, e.boundary_files);
  if (!r) {
    cli::PrintError(err, r.error());
    return 1;
  }
  out << "loaded " << r->areas << " areas from " << r->files << " file(s); " << r->countries << " new countries\n";
  return 0;
}

}  // namespace

void AddEvidenceCommands(CLI::App& cli, EvidenceCli* e, const std::function<void(CLI::App*)>& common) {
  auto* incidents = cli.add_subcommand("incidents", "incident evidence")->require_subcommand(1);
  e->incidents_import = incidents->add_subcommand(
      "import", "import an incident file (AWSD, ACLED, UCDP GED, or any CSV with --mapping) and place it in areas");
  common(e->incidents_import);
  e->incidents_import->add_option("file", e->file, "CSV file")->required()->check(CLI::ExistingFile);
  e->incidents_import->add_option("--mapping", e->mapping,
                                  "column mapping: a JSON file, or the name of a shipped one (e.g. osac-humanitarian)");
  e->incidents_import->add_option("--areas", e->areas, "areas to place in: all, admin1, carana or country:<id>");
  e->incidents_import->add_flag("--quiet", e->quiet, "no progress bar");
  auto* areas = cli.add_subcommand("areas", "SRM areas")->require_subcommand(1);
  e->areas_import = areas->add_subcommand("import-geojson", "load areas from admin-1 GeoJSON boundary files");
  common(e->areas_import);
  e->areas_import->add_option("files", e->boundary_files, "GeoJSON FeatureCollection files")
      ->required()
      ->check(CLI::ExistingFile);
}

int RunEvidenceCommands(const EvidenceCli& e, App& app, std::ostream& out, std::ostream& err) {
  const bool chosen = (e.incidents_import && *e.incidents_import) || (e.areas_import && *e.areas_import);
  if (!chosen) return -1;
  if (!app.evidence) {
    err << "error: incident evidence needs the SQLite database for now\n";
    return 1;
  }
  if (e.incidents_import && *e.incidents_import) return ImportIncidents(e, app, out, err);
  return ImportAreas(e, app, out, err);
}

}  // namespace srm::server
