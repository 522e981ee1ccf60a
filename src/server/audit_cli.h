// The audit operator commands and the check at start:
//   srm audit verify [--checkpoint FILE]... [--save-head FILE]   chain + signed checkpoints (exit 2 when not ok)
//   srm audit re-anchor                                           new checkpoint series after a legitimate restore
//   srm audit key                                                 this server's public key, for auditors
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "server/app.h"

namespace srm::server {

struct AuditCli {
  CLI::App* verify = nullptr;
  std::vector<std::string> checkpoint_files;
  std::string save_head;
  CLI::App* re_anchor = nullptr;
  CLI::App* key = nullptr;
};

// Registers `srm audit ...`; `common` adds --data/--db and the audit anchor options.
void AddAuditCommands(CLI::App& cli, AuditCli* a, const std::function<void(CLI::App*)>& common);
// Runs the chosen command and returns its exit code, or -1 when none of these was chosen.
int RunAuditCommands(const AuditCli& a, App& app, std::ostream& out, std::ostream& err);

// At `srm serve` start: verifies the chain against its checkpoints and logs the verdict (an error
// naming each finding when it does not verify: the server still serves), the public key, and,
// when the checkpoint file held nothing yet, that the current head was anchored.
void CheckAuditAtStart(App& app);

}  // namespace srm::server
