// The SRA as a PDF document (issue 17): cover with the approvals, contents, situation, programme
// assessment, threat assessment, each scenario (vulnerability, current risk, measures, residual
// risk), the current and residual heatmaps as vector drawings, acceptable risk per activity and the
// audit summary; the marking, page numbers and who generated it on every page, DRAFT on every page
// of an SRA that is not approved. A pure renderer: typed data and labels in, PDF bytes out; it reads
// nothing but fonts (srm_documents links only srm_domain). Thread-safe (no shared state).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "documents/labels.h"
#include "domain/method.h"
#include "domain/sra.h"

namespace srm::documents {

// One workflow step of the version (who did it, in which role, when), names resolved by the caller.
struct ApprovalLine {
  std::string action;  // submit, review, endorse, approve, return, supersede
  std::string name;    // the person's display name
  std::string role;    // a role key (domain/roles.h)
  std::string at;      // RFC 3339
  std::string comment;
};

struct AuditLine {
  std::string at, who, role, action;
};

inline constexpr const char* kDefaultMarking = "UN Restricted";

struct SraDocumentInput {
  const domain::Sra* sra = nullptr;          // with its computed levels (domain::Recompute)
  const domain::MethodPack* pack = nullptr;  // the pack the SRA was written under
  Language lang = Language::kEn;
  std::string area_name, country_name;
  std::map<std::string, std::string> organization_names;  // id -> name, for the programme table
  std::vector<ApprovalLine> approvals;
  std::vector<AuditLine> audit;  // the most recent entries, newest first
  int64_t audit_total = 0;       // every entry of the SRA
  std::string marking = kDefaultMarking;
  std::string generated_by;  // the requester's display name
  std::string generated_at;  // RFC 3339
};

// The document as PDF bytes; an error when the input is incomplete or Cairo fails.
Result<std::string> RenderSraPdf(const SraDocumentInput& in);

// Whether the document of an SRA in this status is marked DRAFT: everything not approved.
bool IsDraftDocument(domain::SraStatus s);

}  // namespace srm::documents
