// Review comments on an SRA version (issue 18): GET/POST /api/v1/sras/{id}/comments and
// POST /api/v1/sras/{id}/comments/{cid}/resolve (service/review_comments.h, domain/review_comments.h).
#include "api/routes.h"
#include "core/strict_json.h"
#include "domain/review_comments.h"
#include "service/review_comments.h"

namespace srm::api {
namespace {

Result<service::NewReviewComment> NewCommentFrom(const json& body) {
  SRM_TRY(strict_json::Object(body));
  SRM_TRY(strict_json::OnlyFields(body, {"anchor", "text"}));
  service::NewReviewComment in;
  SRM_ASSIGN(anchor, strict_json::Text(body, "anchor", false, 200));
  if (!anchor.empty()) in.anchor = std::move(anchor);
  // The length in characters and the blank text are the domain's (comment_too_long, text_required);
  // the byte bound only keeps a huge body from being read as text.
  SRM_ASSIGN(text, strict_json::Text(body, "text", false, 4 * domain::kMaxCommentChars + 4000));
  in.text = std::move(text);
  return in;
}

}  // namespace

void AddReviewCommentRoutes(std::vector<Route>* t, const ApiDeps* d) {
  t->push_back({"GET", "/api/v1/sras/{id}/comments", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
                  if (d->review_comments == nullptr) return Unavailable("review comments are not served here");
                  SRM_ASSIGN(page, PageFrom(c));
                  SRM_ASSIGN(rows, d->review_comments->List(c.principal, c.Param(1), page));
                  return JsonReply(PageJson(rows, domain::ReviewCommentJson));
                },
                {}});
  t->push_back({"POST", "/api/v1/sras/{id}/comments", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
                  if (d->review_comments == nullptr) return Unavailable("review comments are not served here");
                  SRM_ASSIGN(in, NewCommentFrom(c.body));
                  SRM_ASSIGN(made, d->review_comments->Add(c.principal, c.Param(1), in));
                  return JsonReply(domain::ReviewCommentJson(made), 201);
                },
                {}});
  t->push_back({"POST", "/api/v1/sras/{id}/comments/{cid}/resolve", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
                  if (d->review_comments == nullptr) return Unavailable("review comments are not served here");
                  SRM_ASSIGN(done, d->review_comments->Resolve(c.principal, c.Param(1), c.Param(2)));
                  return JsonReply(domain::ReviewCommentJson(done));
                },
                {}});
}

}  // namespace srm::api
