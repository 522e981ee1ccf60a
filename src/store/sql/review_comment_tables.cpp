// The columns of review comments (migrations/0024_review_comments.sql), bound to the members of
// domain/records/review_comment_records.h (issue 18).
#include "store/sql/decision_tables.h"

namespace srm::store::sql {

template <>
const Table<records::ReviewComment>& TableOf<records::ReviewComment>() {
  using R = records::ReviewComment;
  using C = Cols<R>;
  static const Table<R> table = MakeTable<R>("review_comments", {
    C::Text("id", &R::id),
    C::Ref("sra_id", &R::sra_id),
    C::Text("series_id", &R::series_id),
    C::Int("sra_version", &R::sra_version),
    C::Int("sra_revision", &R::sra_revision),
    C::Text("sra_status", &R::sra_status),
    C::Text("anchor", &R::anchor),
    C::Text("comment_text", &R::text),
    C::Ref("author_id", &R::author, &records::UserRef::id),
    C::Text("author_username", &R::author, &records::UserRef::username),
    C::Text("author_role", &R::author_role),
    C::Text("made_at", &R::made_at),
    C::OptText("resolved_at", &R::resolved_at),
    C::Ref("resolved_by_id", &R::resolved_by, &records::UserRef::id),
    C::Text("resolved_by_username", &R::resolved_by, &records::UserRef::username),
  });
  return table;
}

}  // namespace srm::store::sql
