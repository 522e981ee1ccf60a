#include "server/audit_cli.h"

#include <spdlog/spdlog.h>

#include <fstream>
#include <ostream>

#include "cli/commands.h"
#include "core/safe_json.h"
#include "store/audit_checkpoint.h"

namespace srm::server {

void AddAuditCommands(CLI::App& cli, AuditCli* a, const std::function<void(CLI::App*)>& common) {
  auto* audit = cli.add_subcommand("audit", "audit log")->require_subcommand(1);
  a->verify = audit->add_subcommand(
      "verify", "verify the hash chain against the signed checkpoints (exit 2 when it does not verify)");
  common(a->verify);
  a->verify->add_option("--checkpoint", a->checkpoint_files,
                        "a further checkpoint file or kept head (repeatable): e.g. a head saved with --save-head")
      ->check(CLI::ExistingFile);
  a->verify->add_option("--save-head", a->save_head,
                        "when the log verifies, append a checkpoint of its head signed now to this file (for auditors)");
  a->re_anchor = audit->add_subcommand(
      "re-anchor", "after a legitimate restore: start a new checkpoint series from the current head (the old file "
                   "is kept; the re-anchoring is itself audited)");
  common(a->re_anchor);
  a->key = audit->add_subcommand("key", "print this server's audit public key and checkpoint file");
  common(a->key);
}

namespace {

std::string Short(const std::string& hex) { return hex.substr(0, 16); }

int Verify(const AuditCli& a, App& app, std::ostream& out, std::ostream& err) {
  auto report = app.audit->Verify(service::ConsolePrincipal(""), a.checkpoint_files);
  if (!report) {
    cli::PrintError(err, report.error());
    return 1;
  }
  const store::AnchoredVerification& v = report->verification;
  if (v.ok) {
    out << "audit chain intact: " << v.chain.entries << " entries\n";
    if (!v.chain.head_hash.empty()) out << "head: " << v.chain.head_hash << "\n";
  } else {
    const store::AuditFinding* first = v.first();
    out << "audit chain BROKEN at entry " << first->seq << " (" << first->reason << "): " << first->detail << " ("
        << v.chain.entries << " entries)\n";
    for (const store::AuditFinding& f : v.findings)
      out << "  " << f.reason << " (entry " << f.seq << "): " << f.detail << "\n";
  }
  out << "checkpoints: " << v.checkpoints << " with a valid signature compared with the chain, from:\n";
  for (const std::string& source : v.sources) out << "  " << source << "\n";
  if (!report->public_key.empty())
    out << "this server: " << report->server_id << ", public key " << report->public_key << "\n";
  if (report->head) {
    const std::string line = store::CheckpointLine(*report->head);
    out << "signed head: " << line << "\n";
    if (!a.save_head.empty()) {
      std::ofstream saved(a.save_head, std::ios::app);
      saved << line << "\n";
      if (!saved.flush()) {
        err << "error: cannot write " << a.save_head << "\n";
        return 1;
      }
      out << "saved the signed head to " << a.save_head << "\n";
    }
  } else if (!a.save_head.empty()) {
    err << "no head saved: the log does not verify\n";
  }
  return v.ok ? 0 : 2;
}

int ReAnchor(App& app, std::ostream& out, std::ostream& err) {
  auto report = app.audit->ReAnchor(service::ConsolePrincipal(""));
  if (!report) {
    cli::PrintError(err, report.error());
    return 1;
  }
  out << "re-anchored the audit chain at entry " << report->seq << " (head " << report->head_hash << ")\n";
  out << "new checkpoint series: " << report->checkpoint_file << "\n";
  if (!report->retired_file.empty()) out << "previous checkpoints kept in: " << report->retired_file << "\n";
  out << "the chain held " << report->entries_before << " entries; the re-anchoring is audit entry " << report->seq
      << "\n";
  return 0;
}

int Key(App& app, std::ostream& out, std::ostream& err) {
  if (app.anchor == nullptr) {
    err << "error: no audit signing key is configured\n";
    return 1;
  }
  out << "server: " << app.anchor->server_id() << "\n";
  out << "public key: " << app.anchor->public_key() << "\n";
  out << "signing key: " << app.anchor->key_path() << "\n";
  out << "checkpoint file: " << app.anchor->checkpoint_path() << "\n";
  return 0;
}

std::string Msg(const std::string& msg, nlohmann::json extra = nlohmann::json::object()) {
  extra["msg"] = msg;
  return SafeDump(extra);
}

}  // namespace

int RunAuditCommands(const AuditCli& a, App& app, std::ostream& out, std::ostream& err) {
  if (*a.verify) return Verify(a, app, out, err);
  if (*a.re_anchor) return ReAnchor(app, out, err);
  if (*a.key) return Key(app, out, err);
  return -1;
}

void CheckAuditAtStart(App& app) {
  const auto console = service::ConsolePrincipal("");
  auto report = app.audit->Verify(console);
  if (!report) {
    spdlog::error("{}", Msg("the audit log could not be verified", {{"detail", report.error().message}}));
    return;
  }
  const store::AnchoredVerification& v = report->verification;
  nlohmann::json about{{"entries", v.chain.entries},
                       {"checkpoints", v.checkpoints},
                       {"server_id", report->server_id},
                       {"public_key", report->public_key},
                       {"checkpoint_file", report->checkpoint_file}};
  if (v.ok) {
    spdlog::info("{}", Msg("audit log verified against its signed checkpoints", about));
  } else {
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& f : v.findings) findings.push_back({{"reason", f.reason}, {"seq", f.seq}, {"detail", f.detail}});
    about["reason"] = v.first()->reason;
    about["first_bad"] = v.first()->seq;
    about["findings"] = findings;
    spdlog::error("{}", Msg("AUDIT LOG DOES NOT VERIFY: entries were altered, removed or cut off, or checkpoints "
                            "forged; serving anyway. Investigate; after a legitimate restore run `srm audit re-anchor`",
                            about));
    return;
  }
  auto anchored = app.audit->AnchorIfEmpty();
  if (!anchored) {
    spdlog::error("{}", Msg("the audit head could not be anchored", {{"detail", anchored.error().message}}));
  } else if (*anchored > 0) {
    spdlog::warn("{}", Msg("the audit checkpoint file held no checkpoint: anchored the current head (first start "
                           "with a signing key, or the file was removed)",
                           {{"seq", *anchored}, {"checkpoint_file", report->checkpoint_file}}));
  }
}

}  // namespace srm::server
