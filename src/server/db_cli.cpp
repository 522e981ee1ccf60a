#include "server/db_cli.h"

#include <algorithm>
#include <fstream>
#include <ostream>

#include "cli/commands.h"
#include "store/audit_checkpoint.h"
#include "store/postgres/postgres_store.h"
#include "store/tools/db_tools.h"

namespace srm::server {

void AddDbCommands(CLI::App& cli, DbCli* d, const std::function<void(CLI::App*)>& common) {
  auto* db = cli.add_subcommand("db", "move a deployment between databases")->require_subcommand(1);
  d->copy = db->add_subcommand("copy", "copy every table of an SQLite database into an empty PostgreSQL database "
                                       "(the audit chain verbatim; it is verified after the copy)");
  d->copy->add_option("--from", d->copy_from, "sqlite:PATH (or a path)")->required();
  d->copy->add_option("--to", d->copy_to, "postgresql://user@host:port/dbname (an empty database)")->required();

  d->backup = cli.add_subcommand("backup", "write a consistent copy of the SQLite database while it serves "
                                           "(PostgreSQL: use pg_dump, see docs/deployment.md)");
  common(d->backup);
  d->backup->add_option("--to", d->backup_to, "backup file to create (must not exist)")->required();

  d->restore = cli.add_subcommand("restore", "replace the SQLite database with a checked backup (stop the servers first)");
  common(d->restore);
  d->restore->add_option("--from", d->restore_from, "backup file written by srm backup")->required()->check(CLI::ExistingFile);
  d->restore->add_flag("--force", d->force, "replace a database that already holds audit entries");
}

namespace {

// The highest seq the checkpoint file at `path` names (0 when none).
int64_t NewestCheckpointSeq(const std::string& path) {
  std::ifstream in(path);
  int64_t newest = 0;
  for (std::string line; std::getline(in, line);)
    if (auto c = store::ParseCheckpointLine(line)) newest = std::max(newest, c->seq);
  return newest;
}

std::string Head(const store::AuditVerification& chain) {
  return std::to_string(chain.entries) + " entries" + (chain.head_hash.empty() ? "" : ", head " + chain.head_hash);
}

}  // namespace

int RunDbCommands(const DbCli& d, const Config& cfg, std::ostream& out, std::ostream& err) {
  if (*d.copy) {
    std::string from = d.copy_from;
    if (from.starts_with("sqlite:")) from = from.substr(7);
    auto report = store::CopySqliteToPostgres(from, d.copy_to);
    if (!report) {
      cli::PrintError(err, report.error());
      return 1;
    }
    for (const auto& [table, rows] : report->tables) out << "  " << table << ": " << rows << " rows\n";
    for (const auto& table : report->skipped) out << "  " << table << ": empty, not carried over\n";
    out << "copied " << report->rows << " rows into " << store::RedactPostgresUrl(d.copy_to)
        << "; audit chain verified: " << Head(report->chain) << "\n";
    return 0;
  }
  if (*d.backup || *d.restore) {
    if (store::IsPostgresUrl(cfg.db)) {
      err << "error: srm backup/restore are for SQLite; back up PostgreSQL with pg_dump (docs/deployment.md)\n";
      return 1;
    }
    const std::string path = SqlitePath(cfg);
    if (*d.backup) {
      auto report = store::BackupSqlite(path, d.backup_to);
      if (!report) {
        cli::PrintError(err, report.error());
        return 1;
      }
      out << "backed up " << path << " to " << d.backup_to << " (" << report->bytes << " bytes); audit chain verified: "
          << Head(report->chain) << "\n";
      return 0;
    }
    auto report = store::RestoreSqlite(d.restore_from, path, d.force);
    if (!report) {
      cli::PrintError(err, report.error());
      return 1;
    }
    out << "restored " << path << " from " << d.restore_from << "; audit chain verified: " << Head(report->chain) << "\n";
    // Restoring an older backup cuts the chain short of what was signed: legitimate, and said so.
    const std::string checkpoints = AuditCheckpointPath(cfg);
    if (const int64_t newest = NewestCheckpointSeq(checkpoints); newest > report->chain.entries)
      out << "note: " << checkpoints << " holds a signed checkpoint of entry " << newest << ", beyond the restored "
          << report->chain.entries << " entries: `srm audit verify` reports the log truncated until you run "
          << "`srm audit re-anchor`, which starts a new checkpoint series and keeps the old one\n";
    return 0;
  }
  return -1;
}

}  // namespace srm::server
