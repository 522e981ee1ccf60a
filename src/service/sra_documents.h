// The SRA document (issue 17): loads an SRA for a reader, with the same read rule as reading it
// (SraService::Get), resolves what the document names (area, people, organizations, the audit
// trail) and has srm_documents render it. Thread-safe.
#pragma once

#include <string>

#include "core/clock.h"
#include "documents/labels.h"
#include "service/methods.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

struct SraDocumentFile {
  std::string bytes;
  // "SRA <area> v<version> <requester>.pdf": exports carry the requester's name (issue 17), so a
  // copy found later says whose it was. ascii_filename: the same reduced to ASCII for old clients.
  std::string filename, ascii_filename;
  std::string sra_id;
  int version = 0;
};

// How many audit entries the document lists (the most recent); it always says how many there are.
inline constexpr size_t kDocumentAuditLines = 30;

class SraDocumentService {
 public:
  SraDocumentService(store::Store* store, MethodRegistry* methods, const Clock* clock)
      : store_(store), methods_(methods), clock_(clock) {}

  // The SRA `id` as a PDF in `lang`, generated for p. Refused as reading the SRA is: 404 when it
  // does not exist, 403 outside p's areas or for another organization's specific SRA.
  Result<SraDocumentFile> Pdf(const Principal& p, const std::string& id, documents::Language lang);

 private:
  store::Store* store_;
  MethodRegistry* methods_;
  const Clock* clock_;
};

}  // namespace srm::service
