#include "service/review_comments.h"

#include <nlohmann/json.hpp>

#include "domain/review_comments.h"

namespace srm::service {

using domain::records::ReviewComment;

namespace {
constexpr const char* kObjectType = "review_comment";
}  // namespace

Status CarryOpenComments(store::Store* store, const Principal& p, const std::string& from_sra_id,
                         const domain::Sra& next, const std::string& now, std::vector<store::RecordWrite>* writes,
                         std::vector<store::AuditEvent>* audit) {
  store::ReviewCommentFilter f;
  f.sra_id = from_sra_id;
  store::PageRequest page{500, ""};
  for (;;) {
    SRM_ASSIGN(rows, store->ListReviewComments(f, page));
    for (const auto& c : rows.items) {
      if (!domain::CarryOnRevise(c).carry) continue;
      const ReviewComment moved = domain::CarriedTo(c, next, now);
      audit->push_back({p.user.id, p.user.username, "security_professional", "sra.comment.carry", kObjectType, c.id,
                        domain::ReviewCommentJson(c).dump(), domain::ReviewCommentJson(moved).dump(), p.request_id});
      writes->push_back({store::AnyRecord(moved), c.revision});
    }
    if (rows.next.empty()) return {};
    page.after = rows.next;
  }
}

Result<store::Page<ReviewComment>> ReviewCommentService::List(const Principal& p, const std::string& sra_id,
                                                              const store::PageRequest& page) {
  SRM_ASSIGN(facts, sras_->ReviewFacts(p, sra_id));
  if (!facts.party.readable) return Fail(ErrorKind::kForbidden, "outside_scope", "this SRA is outside your areas or organization");
  store::ReviewCommentFilter f;
  f.sra_id = facts.sra.id;
  return store_->ListReviewComments(f, page);
}

Result<ReviewComment> ReviewCommentService::Add(const Principal& p, const std::string& sra_id,
                                                const NewReviewComment& in) {
  SRM_ASSIGN(facts, sras_->ReviewFacts(p, sra_id));
  SRM_TRY(domain::AsStatus(domain::MayComment(facts.party)));
  SRM_TRY(domain::ValidateAnchor(facts.sra, in.anchor));
  SRM_TRY(domain::ValidateCommentText(in.text));
  const std::string now = FormatTimestamp(clock_->NowMillis());
  ReviewComment c;
  c.id = ids_->NewId("rvc");
  c.sra_id = facts.sra.id;
  c.series_id = facts.sra.series_id;
  c.sra_version = facts.sra.version;
  c.sra_revision = facts.sra.revision;
  c.sra_status = domain::StatusName(facts.sra.status);
  c.anchor = in.anchor;
  c.text = in.text;
  c.author = {p.user.id, p.user.username};
  c.author_role = facts.step_role;
  c.made_at = now;
  c.created_at = c.updated_at = now;
  c.revision = 1;
  const store::AuditEvent ev{p.user.id, p.user.username, facts.step_role, "sra.comment.add", kObjectType, c.id, "",
                             domain::ReviewCommentJson(c).dump(), p.request_id};
  SRM_TRY(store_->WriteRecords({}, {{store::AnyRecord(c), 0}}, {ev}));
  return c;
}

Result<ReviewComment> ReviewCommentService::Resolve(const Principal& p, const std::string& sra_id,
                                                    const std::string& comment_id) {
  SRM_ASSIGN(facts, sras_->ReviewFacts(p, sra_id));
  if (!facts.party.readable) return Fail(ErrorKind::kForbidden, "outside_scope", "this SRA is outside your areas or organization");
  if (comment_id.empty() || comment_id.size() > 64) return NotFound("comment");
  SRM_ASSIGN(found, store_->GetReviewComment(comment_id));
  // A comment of another SRA is not found through this one.
  if (!found || found->sra_id != facts.sra.id) return NotFound("comment " + comment_id);
  SRM_TRY(domain::AsStatus(domain::MayResolve(facts.party, *found)));
  const ReviewComment before = *found;
  ReviewComment c = *found;
  const std::string now = FormatTimestamp(clock_->NowMillis());
  c.resolved_at = now;
  c.resolved_by = {p.user.id, p.user.username};
  c.updated_at = now;
  c.revision = before.revision + 1;
  const store::AuditEvent ev{p.user.id, p.user.username, "security_professional", "sra.comment.resolve", kObjectType,
                             c.id, domain::ReviewCommentJson(before).dump(), domain::ReviewCommentJson(c).dump(),
                             p.request_id};
  SRM_TRY(store_->WriteRecords({}, {{store::AnyRecord(c), before.revision}}, {ev}));
  return c;
}

}  // namespace srm::service
