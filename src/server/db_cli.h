// The database operator commands, which work on the database itself rather than through the app:
//   srm db copy --from sqlite:PATH --to postgresql://...   move a deployment to PostgreSQL
//   srm backup --to FILE                                    online, consistent SQLite backup
//   srm restore --from FILE [--force]                       restore an SQLite backup
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>
#include <string>

#include "server/config.h"

namespace srm::server {

struct DbCli {
  CLI::App* copy = nullptr;
  std::string copy_from, copy_to;
  CLI::App* backup = nullptr;
  std::string backup_to;
  CLI::App* restore = nullptr;
  std::string restore_from;
  bool force = false;
};

// Registers the commands; `common` adds --data/--db (the database backup and restore work on).
void AddDbCommands(CLI::App& cli, DbCli* d, const std::function<void(CLI::App*)>& common);
// Runs the chosen command and returns its exit code, or -1 when none of these was chosen.
int RunDbCommands(const DbCli& d, const Config& cfg, std::ostream& out, std::ostream& err);

}  // namespace srm::server
