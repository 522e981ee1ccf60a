// `srm incidents import FILE` and `srm areas import-geojson FILE...`: the evidence engine's
// operator commands, with a progress bar on standard error.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "server/app.h"

namespace srm::server {

struct EvidenceCli {
  CLI::App* incidents_import = nullptr;
  std::string file, mapping, areas = "all";
  bool quiet = false;
  CLI::App* areas_import = nullptr;
  std::vector<std::string> boundary_files;
};

// Registers the commands; `common` adds --data/--db to each.
void AddEvidenceCommands(CLI::App& cli, EvidenceCli* e, const std::function<void(CLI::App*)>& common);
// Runs the chosen evidence command and returns its exit code, or -1 when none was chosen.
int RunEvidenceCommands(const EvidenceCli& e, App& app, std::ostream& out, std::ostream& err);

}  // namespace srm::server
