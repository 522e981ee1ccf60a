// Review comments (issue 18): who may comment on an SRA version, who may resolve a comment, what a
// comment may be attached to and what its text may hold. Pure functions over facts the service
// gathers (service/review_comments.cpp); every outcome is a reason code.
//
// Commenting is the reviewer's side of the approval chain: the people entitled to return the SRA
// at its current step (SraService::MayTake(return): the step's role for the SRA's area, and
// separation of duties). Resolving is the assessor's side: who conducts the SRA (may edit it),
// while it is back with them (draft or returned), and never the comment's own author.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "domain/records/review_comment_records.h"
#include "domain/sra.h"

namespace srm::domain {

// What the service knows about the principal and the SRA when they comment or resolve.
struct ReviewParty {
  std::string username;
  bool readable = false;            // the SRA's read rule (area scope, a specific SRA's organization)
  SraStatus status = SraStatus::kDraft;
  // Holds, for the SRA's area, the role its current step needs (RoleFor(return, status)).
  bool holds_step_role = false;
  // Separation of duties: a different step of this version they already performed (EarlierStepBy).
  std::optional<Action> earlier_step;
  bool conducts = false;            // may draft the SRA (the assessor side: CheckConducts)
};

// One outcome: allowed with its code, or refused with the HTTP kind and the code.
struct ReviewVerdict {
  bool allowed = false;
  ErrorKind kind = ErrorKind::kForbidden;
  std::string code;     // may_comment | may_resolve | outside_scope | not_under_review | ...
  std::string message;
};
Status AsStatus(const ReviewVerdict& v);

// May comment: outside_scope (403), not_under_review (409: the SRA is not waiting for a review
// step), reviewer_role_required (403), separation_of_duties_<step> (403), else may_comment.
ReviewVerdict MayComment(const ReviewParty& p);
// May resolve `c`: outside_scope (403), already_resolved (409), own_comment (403: the author never
// resolves for the assessor), assessor_required (403), not_with_assessor (409: the SRA is in the
// chain, not back with the assessor), else may_resolve.
ReviewVerdict MayResolve(const ReviewParty& p, const records::ReviewComment& c);

// The anchors: "sra" (the whole SRA), "scenarios/<id>", "scenarios/<id>/<field>" with a field of
// kScenarioFields, "steps/<step>" with a step of kAnchorSteps. 422 unknown_anchor (not of these
// shapes), unknown_scenario (no such scenario in this version), unknown_field, unknown_step.
inline constexpr std::string_view kScenarioFields[] = {"title", "description", "vulnerability", "likelihood",
                                                        "impact", "measures", "residual"};
inline constexpr std::string_view kAnchorSteps[] = {"scope", "situation", "programmes", "threats",
                                                     "scenarios", "acceptability"};
Status ValidateAnchor(const Sra& sra, std::string_view anchor);

// The text: 422 text_required (empty or blank), comment_too_long (over kMaxCommentChars
// characters), invalid_text (not UTF-8, or a control character other than tab and newline).
inline constexpr size_t kMaxCommentChars = 2000;
Status ValidateCommentText(std::string_view text);

// Revising a published version (method §2: "changes make a new version"): what becomes of each
// comment of the version revised. A returned SRA keeps its version (the assessor edits it and
// submits it again), so its comments never move; a published one with comments still open hands
// them to its new draft, where the assessor works: carried_open. A resolved comment stays with the
// version it was resolved on, in that version's history: stays_resolved.
struct CarryVerdict {
  bool carry = false;
  std::string code;  // carried_open | stays_resolved
};
CarryVerdict CarryOnRevise(const records::ReviewComment& c);
// The comment as it belongs to the new version `next`: its sra_id is the new version's; what it
// was made on (sra_version, sra_revision, sra_status, made_at, author) is unchanged, so the reader
// sees it came from an earlier version. One revision more; updated_at is `now`.
records::ReviewComment CarriedTo(const records::ReviewComment& c, const Sra& next, std::string_view now);

// The comment as the API answers it and the audit log records it.
nlohmann::json ReviewCommentJson(const records::ReviewComment& c);

}  // namespace srm::domain
