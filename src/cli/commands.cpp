#include "cli/commands.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace srm::cli {

using nlohmann::json;

void PrintError(std::ostream& err, const Error& e) {
  err << "error: " << e.message;
  if (!e.field.empty()) err << " (field: " << e.field << ")";
  err << "\n";
}


int UserAdd(CliServices& s, const UserAddArgs& a, std::ostream& out, std::ostream& err) {
  json grants = json::array();
  if (!a.role.empty())
    grants.push_back({{"role", a.role}, {"country_id", a.country_id}, {"area_id", a.area_id}});
  json body{{"username", a.username}, {"password", a.password}, {"display_name", a.display_name},
            {"organization_id", a.organization_id}, {"grants", grants}};
  auto u = s.admin->CreateUser(service::ConsolePrincipal(""), body);
  if (!u) { PrintError(err, u.error()); return 1; }
  out << "created user " << u->username << " (" << u->id << ")\n";
  return 0;
}

int UserPasswd(CliServices& s, const std::string& username, const std::string& password, std::ostream& out,
               std::ostream& err) {
  auto u = s.store->FindUserByName(username);
  if (!u) { PrintError(err, u.error()); return 1; }
  if (!*u) { err << "error: no user named " << username << " (field: username)\n"; return 1; }
  auto st = s.admin->SetPassword(service::ConsolePrincipal(""), (*u)->id, json{{"password", password}});
  if (!st) { PrintError(err, st.error()); return 1; }
  out << "password changed for " << username << "\n";
  return 0;
}

int MethodShow(CliServices& s, std::ostream& out, std::ostream& err) {
  auto p = s.methods->Active();
  if (!p) { PrintError(err, p.error()); return 1; }
  const auto& m = **p;
  out << "methodology pack " << m.version << ": " << m.name << "\n\n";
  out << "likelihood \\ impact";
  for (const auto& i : m.impacts) out << " | " << i;
  out << "\n";
  for (int l = domain::kScaleSize - 1; l >= 0; --l) {
    out << m.likelihoods[l];
    for (int i = 0; i < domain::kScaleSize; ++i) out << " | " << m.risk_levels[m.matrix[l][i]];
    out << "\n";
  }
  out << "\nacceptable residual risk: ";
  for (int pc = 1; pc <= 4; ++pc) out << "PC" << pc << " up to " << m.risk_levels[m.pc_max_acceptable[pc - 1]] << (pc < 4 ? ", " : "\n");
  out << "review period: " << m.review_months << " months\n";
  return 0;
}

int MethodInstall(CliServices& s, const std::string& path, bool activate, std::ostream& out, std::ostream& err) {
  std::ifstream in(path);
  if (!in) { err << "error: cannot read " << path << "\n"; return 1; }
  std::stringstream ss;
  ss << in.rdbuf();
  auto p = s.methods->Install(service::ConsolePrincipal(""), ss.str(), activate);
  if (!p) {
    err << path << ": ";
    PrintError(err, p.error());
    return 1;
  }
  out << "installed methodology pack " << (*p)->version << (activate ? " (active)" : "") << "\n";
  return 0;
}

namespace {
std::string Csv(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) { if (c == '"') o += '"'; o += c; }
  return o + "\"";
}
std::string Str(const json& v) { return v.is_string() ? v.get<std::string>() : v.is_null() ? "" : v.dump(); }
// Writes an export to `path` through a temporary file and a rename.
int WriteExport(const std::string& text, const std::string& id, const std::string& path, std::ostream& out,
                std::ostream& err);
}  // namespace

namespace {
// The operating-system user running the command: who the access log names for a CLI export.
std::string CliUser() {
  if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_name != nullptr) return pw->pw_name;
  const char* user = std::getenv("USER");
  return user != nullptr ? user : "";
}

// Records the export and waits until it is written: the file is written only after.
int RecordExport(CliServices& s, const service::Principal& p, const std::string& id, service::AccessKind kind,
                 const std::string& format, std::ostream& err) {
  if (s.access_log == nullptr) return 0;
  Status st = s.access_log->Record(p, id, 0, kind, format, "cli");
  if (st) st = s.access_log->Flush();
  if (!st) {
    err << "error: the export could not be recorded in the access log, so it was not written: ";
    PrintError(err, st.error());
    return 1;
  }
  return 0;
}
}  // namespace

int SraExport(CliServices& s, const std::string& id, const std::string& format, const std::string& path,
              std::ostream& out, std::ostream& err, const std::string& lang) {
  const service::Principal who = service::ConsolePrincipal(CliUser());
  std::string text;
  if (format == "pdf" || format == "xlsx") {
    auto language = documents::LanguageFromCode(lang);
    if (!language) { err << "error: unknown language '" << lang << "' (field: --lang; expected en, fr or ar)\n"; return 1; }
    if (path.empty() || path == "-") { err << "error: a " << (format == "pdf" ? "PDF" : "workbook") << " goes to a file (field: --output)\n"; return 1; }
    if (format == "xlsx") {
      if (!s.exports) { err << "error: this build has no export service\n"; return 1; }
      auto file = s.exports->SraRegister(who, id, *language);
      if (!file) { PrintError(err, file.error()); return 1; }
      std::ifstream in(file->path, std::ios::binary);
      std::stringstream bytes;
      bytes << in.rdbuf();
      std::error_code ec;
      std::filesystem::remove(file->path, ec);
      if (!in) { err << "error: cannot read the workbook written\n"; return 1; }
      if (int rc = RecordExport(s, who, id, service::AccessKind::kRegister, "xlsx", err); rc != 0) return rc;
      return WriteExport(bytes.str(), id, path, out, err);
    }
    if (!s.documents) { err << "error: this build has no document service\n"; return 1; }
    auto file = s.documents->Pdf(who, id, *language);
    if (!file) { PrintError(err, file.error()); return 1; }
    text = std::move(file->bytes);
    if (int rc = RecordExport(s, who, id, service::AccessKind::kDocument, "pdf", err); rc != 0) return rc;
    return WriteExport(text, id, path, out, err);
  }
  auto doc = s.sras->Get(who, id);
  if (!doc) { PrintError(err, doc.error()); return 1; }
  if (format == "json") {
    text = json::parse(doc->json).dump(2) + "\n";
  } else if (format == "csv") {
    json j = json::parse(doc->json);
    std::ostringstream o;
    o << "scenario,threat_category,likelihood,impact,current_risk,residual_likelihood,residual_impact,residual_risk,"
         "measures,measures_cost_minor\n";
    for (const auto& sc : j["scenarios"]) {
      int64_t cost = 0;  // minor units
      for (const auto& m : sc["measures"]) cost += m.value("cost_minor", int64_t{0});
      o << Csv(Str(sc["title"])) << "," << Str(sc["threat_category"]) << "," << Csv(Str(sc["likelihood"])) << ","
        << Csv(Str(sc["impact"])) << "," << Csv(Str(sc["current_risk"])) << "," << Csv(Str(sc["residual_likelihood"]))
        << "," << Csv(Str(sc["residual_impact"])) << "," << Csv(Str(sc["residual_risk"])) << ","
        << sc["measures"].size() << "," << cost << "\n";
    }
    text = o.str();
  } else {
    err << "error: unknown format '" << format << "' (field: --format; expected json, csv, pdf or xlsx)\n";
    return 1;
  }
  if (int rc = RecordExport(s, who, id, service::AccessKind::kExport, format, err); rc != 0) return rc;
  if (path.empty() || path == "-") {
    out << text;
    return 0;
  }
  return WriteExport(text, id, path, out, err);
}

namespace {
int WriteExport(const std::string& text, const std::string& id, const std::string& path, std::ostream& out,
                std::ostream& err) {
  // Write to a temporary file and rename, so a failed export never leaves half a file.
  const std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) { err << "error: cannot write " << path << "\n"; return 1; }
    f << text;
    if (!f.flush()) { err << "error: writing " << path << " failed\n"; return 1; }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) { err << "error: cannot write " << path << "\n"; return 1; }
  out << "exported " << id << " to " << path << "\n";
  return 0;
}
}  // namespace

}  // namespace srm::cli
