// Review comments on an SRA version (issue 18): a reviewer entitled at the SRA's current step
// attaches a comment to the whole SRA, a scenario, a scenario's field or a wizard step; the
// assessor sees it where they work and resolves it. The rules are domain/review_comments.h; each
// write is one transaction with its audit entry. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/records/review_comment_records.h"
#include "service/principal.h"
#include "service/sras.h"
#include "store/store.h"

namespace srm::service {

struct NewReviewComment {
  std::string anchor = "sra";
  std::string text;
};

// Revise (SraService::Revise) hands the open comments of the published version `from_sra_id` to
// its new draft `next` (domain::CarryOnRevise): appends their writes and one "sra.comment.carry"
// audit entry each, written in the revise's own transaction. Resolved comments stay where they are.
Status CarryOpenComments(store::Store* store, const Principal& p, const std::string& from_sra_id,
                         const domain::Sra& next, const std::string& now, std::vector<store::RecordWrite>* writes,
                         std::vector<store::AuditEvent>* audit);

class ReviewCommentService {
 public:
  ReviewCommentService(store::Store* store, SraService* sras, const Clock* clock, IdGen* ids)
      : store_(store), sras_(sras), clock_(clock), ids_(ids) {}

  // The comments of one SRA version, newest change first: whoever may read the SRA.
  Result<store::Page<domain::records::ReviewComment>> List(const Principal& p, const std::string& sra_id,
                                                            const store::PageRequest& page);
  Result<domain::records::ReviewComment> Add(const Principal& p, const std::string& sra_id, const NewReviewComment& in);
  Result<domain::records::ReviewComment> Resolve(const Principal& p, const std::string& sra_id,
                                                 const std::string& comment_id);

 private:
  store::Store* store_;
  SraService* sras_;
  const Clock* clock_;
  IdGen* ids_;
};

}  // namespace srm::service
