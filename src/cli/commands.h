// `srm` subcommands other than serve. Each returns the process exit code and writes what it did
// (or the line/field at fault) to out/err. Single-threaded use.
#pragma once

#include <iosfwd>
#include <string>

#include "core/clock.h"
#include "service/admin.h"
#include "service/access_log.h"
#include "service/auth.h"
#include "service/exports.h"
#include "service/methods.h"
#include "service/sras.h"
#include "service/sra_documents.h"
#include "store/store.h"

namespace srm::cli {

struct CliServices {
  store::Store* store;
  service::MethodRegistry* methods;
  service::AuthService* auth;
  service::SraService* sras;
  service::AdminService* admin;
  const Clock* clock;
  service::SraDocumentService* documents = nullptr;  // srm sra export --format pdf
  service::ExportService* exports = nullptr;          // srm sra export --format xlsx
  service::AccessLog* access_log = nullptr;           // records each export (issue 17); null: none recorded
};

struct UserAddArgs {
  std::string username, password, display_name, organization_id, role, country_id, area_id;
};

int UserAdd(CliServices& s, const UserAddArgs& a, std::ostream& out, std::ostream& err);
int UserPasswd(CliServices& s, const std::string& username, const std::string& password, std::ostream& out,
               std::ostream& err);
int MethodShow(CliServices& s, std::ostream& out, std::ostream& err);
int MethodInstall(CliServices& s, const std::string& path, bool activate, std::ostream& out, std::ostream& err);
// Writes the SRA document as JSON (format "json"), its scenarios as CSV (format "csv"), the SRA
// document as PDF (format "pdf") or its risk register as Excel (format "xlsx") in `lang` (en|fr|ar;
// PDF and Excel to a file, not the terminal). Each export is recorded in the SRA's access log as
// the operating-system user, from "cli", and written to the log before the file is (so no file is
// handed out unrecorded).
int SraExport(CliServices& s, const std::string& id, const std::string& format, const std::string& path,
              std::ostream& out, std::ostream& err, const std::string& lang = "en");

// Prints "error: <message> (field: <field>)" the same way for every command.
void PrintError(std::ostream& err, const Error& e);

}  // namespace srm::cli
