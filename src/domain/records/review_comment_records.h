// A reviewer's comment on an SRA version (issue 18, migration 0024_review_comments.sql): made at a
// step of the approval chain on the whole SRA, one scenario, one field of a scenario or one step
// of the wizard (domain/review_comments.h names the anchors), shown to the assessor where they
// work, and resolved by the assessor side of the SRA. Indexed by sra_id.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/records/decision_records.h"

namespace srm::domain::records {

struct ReviewComment {
  std::string id;                 // "rvc_" + random
  std::string sra_id;             // the SRA version commented on (every version has its own id)
  std::string series_id;
  int sra_version = 0;
  int64_t sra_revision = 0;       // the SRA's revision when the comment was made
  std::string sra_status;         // the step it was made at: in_review | reviewed | endorsed
  std::string anchor;             // "sra" | "scenarios/<id>" | "scenarios/<id>/<field>" | "steps/<step>"
  std::string text;
  UserRef author;
  std::string author_role;        // the role the step needed (security_cell, smt, dss_desk)
  std::string made_at;            // RFC 3339
  std::optional<std::string> resolved_at;
  UserRef resolved_by;            // empty until resolved
  std::string created_at, updated_at;  // (row)
  int64_t revision = 0;
  bool operator==(const ReviewComment&) const = default;
};

}  // namespace srm::domain::records
