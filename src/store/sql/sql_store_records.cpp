// Methodology packs, SRAs and documents: revisioned writes (optimistic concurrency) and the
// filtered newest-first lists.
#include "store/sql/query.h"
#include "store/sql/sql_store.h"

namespace srm::store::sql {
namespace {

MethodRecord ReadMethod(const Row& r) { return {r.Text(0), r.Text(1), r.Int(2) != 0, r.Text(3)}; }

constexpr std::string_view kSraListColumns =
    "SELECT id, series_id, version, kind, title, area_id, country_id, organization_id, status, "
    "method_version, overall_residual, review_due, created_at, updated_at, revision FROM sras";

// Columns 0..14 of an SRA; the list queries stop there, GetSra adds doc as column 15.
SraRow ReadSraColumns(const Row& r) {
  SraRow s;
  s.id = r.Text(0);
  s.series_id = r.Text(1);
  s.version = static_cast<int>(r.Int(2));
  s.kind = r.Text(3);
  s.title = r.Text(4);
  s.area_id = r.Text(5);
  s.country_id = r.Text(6);
  s.organization_id = r.Text(7);
  s.status = r.Text(8);
  s.method_version = r.Text(9);
  s.overall_residual = r.Text(10);
  s.review_due = r.Text(11);
  s.created_at = r.Text(12);
  s.updated_at = r.Text(13);
  s.revision = r.Int(14);
  return s;
}

// Cursor of the newest-first lists: "updated_at|id" of the last row of the page.
std::string SraCursor(const SraRow& row) { return row.updated_at + "|" + row.id; }
std::string DocCursor(const DocRow& row) { return row.updated_at + "|" + row.id; }

constexpr std::string_view kDocListColumns =
    "SELECT kind, id, org_id, country_id, area_id, status, starts_on, ends_on, ref_id, owner_id, created_at, "
    "updated_at, revision, '' FROM docs";
constexpr std::string_view kDocListColumnsWithDoc =
    "SELECT kind, id, org_id, country_id, area_id, status, starts_on, ends_on, ref_id, owner_id, created_at, "
    "updated_at, revision, doc FROM docs";

DocRow ReadDocRow(const Row& r) {
  DocRow d;
  d.kind = r.Text(0);
  d.id = r.Text(1);
  d.org_id = r.Text(2);
  d.country_id = r.Text(3);
  d.area_id = r.Text(4);
  d.status = r.Text(5);
  d.starts_on = r.Text(6);
  d.ends_on = r.Text(7);
  d.ref_id = r.Text(8);
  d.owner_id = r.Text(9);
  d.created_at = r.Text(10);
  d.updated_at = r.Text(11);
  d.revision = r.Int(12);
  d.doc = r.Text(13);
  return d;
}

}  // namespace

// Shared with sql_store_decisions.cpp (declared in query.h).
Status StaleRevision(const std::string& what, int64_t expected_revision) {
  return Conflict("stale_revision", what + " is not at revision " + std::to_string(expected_revision) +
                                        " (changed by someone else, or missing)");
}

// Inserts or updates (at the expected revision) each document, inside the caller's transaction.
Status WriteDocRows(Executor& e, const std::vector<DocWrite>& docs) {
  for (const DocWrite& write : docs) {
    const DocRow& r = write.row;
    const int64_t revision = write.expected_revision + 1;
    if (write.expected_revision == 0) {
      SRM_TRY(e.Execute("INSERT INTO docs (kind, id, org_id, country_id, area_id, status, starts_on, ends_on, "
                        "ref_id, owner_id, created_at, updated_at, revision, doc) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                        Args(r.kind, r.id, r.org_id, r.country_id, r.area_id, r.status, r.starts_on, r.ends_on,
                             r.ref_id, r.owner_id, r.created_at, r.updated_at, revision, r.doc)));
      continue;
    }
    SRM_ASSIGN(updated,
               e.Execute("UPDATE docs SET org_id = ?3, country_id = ?4, area_id = ?5, status = ?6, starts_on = ?7, "
                         "ends_on = ?8, ref_id = ?9, owner_id = ?10, created_at = ?11, updated_at = ?12, "
                         "revision = ?13, doc = ?14 WHERE kind = ?1 AND id = ?2 AND revision = ?15",
                         Args(r.kind, r.id, r.org_id, r.country_id, r.area_id, r.status, r.starts_on, r.ends_on,
                              r.ref_id, r.owner_id, r.created_at, r.updated_at, revision, r.doc,
                              write.expected_revision)));
    if (updated == 0) return StaleRevision(r.kind + " " + r.id, write.expected_revision);
  }
  return {};
}

Status WriteSraRows(Executor& e, const std::vector<SraWrite>& writes) {
  for (const SraWrite& write : writes) {
    const SraRow& r = write.row;
    const int64_t revision = write.expected_revision + 1;
    if (write.expected_revision == 0) {
      SRM_TRY(e.Execute("INSERT INTO sras (id, series_id, version, kind, title, area_id, country_id, organization_id, "
                        "status, method_version, overall_residual, review_due, created_at, updated_at, revision, doc) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                        Args(r.id, r.series_id, r.version, r.kind, r.title, r.area_id, r.country_id,
                             r.organization_id, r.status, r.method_version, r.overall_residual, r.review_due,
                             r.created_at, r.updated_at, revision, r.doc)));
      continue;
    }
    SRM_ASSIGN(updated, e.Execute("UPDATE sras SET series_id = ?2, version = ?3, kind = ?4, title = ?5, area_id = ?6, "
                                  "country_id = ?7, organization_id = ?8, status = ?9, method_version = ?10, "
                                  "overall_residual = ?11, review_due = ?12, created_at = ?13, updated_at = ?14, "
                                  "revision = ?15, doc = ?16 WHERE id = ?1 AND revision = ?17",
                                  Args(r.id, r.series_id, r.version, r.kind, r.title, r.area_id, r.country_id,
                                       r.organization_id, r.status, r.method_version, r.overall_residual,
                                       r.review_due, r.created_at, r.updated_at, revision, r.doc,
                                       write.expected_revision)));
    if (updated == 0) return StaleRevision("SRA " + r.id, write.expected_revision);
  }
  return {};
}

Status CheckRevision(int64_t expected_revision) {
  if (expected_revision < 0)
    return Invalid("bad_revision", "expected_revision must be 0 (insert) or the stored revision", "revision");
  return {};
}

// --- Methodology packs ---

Status SqlStore::InstallMethod(const MethodRecord& m, bool activate, const AuditEvent& audit) {
  if (m.version.empty()) return Invalid("missing_version", "a method pack needs a version", "version");
  // installed_at is the caller's when given, else now.
  const std::string installed_at = m.installed_at.empty() ? Now() : m.installed_at;
  return Write(std::span(&audit, 1), [&](Executor& e) -> Status {
    if (activate) SRM_TRY(e.Execute("UPDATE methods SET active = 0 WHERE active = 1", {}));
    SRM_TRY(e.Execute("INSERT INTO methods (version, json, active, installed_at) VALUES (?1, ?2, ?3, ?4)",
                      Args(m.version, m.json, activate, installed_at)));
    return {};
  });
}

Result<std::optional<MethodRecord>> SqlStore::ActiveMethod() {
  return ReadOne<MethodRecord>(*db_, "SELECT version, json, active, installed_at FROM methods WHERE active = 1", {},
                               ReadMethod);
}

Result<std::optional<MethodRecord>> SqlStore::GetMethod(const std::string& version) {
  return ReadOne<MethodRecord>(*db_, "SELECT version, json, active, installed_at FROM methods WHERE version = ?1",
                               Args(version), ReadMethod);
}

Result<std::vector<MethodRecord>> SqlStore::ListMethods() {
  return ReadAll<MethodRecord>(
      *db_, "SELECT version, json, active, installed_at FROM methods ORDER BY installed_at, version", {}, ReadMethod);
}

// --- SRAs and documents ---

Result<std::optional<DocRow>> SqlStore::GetDoc(const std::string& kind, const std::string& id) {
  return ReadOne<DocRow>(*db_, std::string(kDocListColumnsWithDoc) + " WHERE kind = ?1 AND id = ?2", Args(kind, id),
                         ReadDocRow);
}

Result<Page<DocRow>> SqlStore::ListDocs(const DocFilter& filter, const PageRequest& page) {
  if (filter.kind.empty()) return Invalid("missing_kind", "a document listing needs a kind", "kind");
  const Dialect& d = db_->dialect();
  WhereClause where;
  where.Add("kind = ?", filter.kind);
  if (!filter.org_id.empty()) where.Add("org_id = ?", filter.org_id);
  if (!filter.country_id.empty()) where.Add("country_id = ?", filter.country_id);
  if (!filter.area_id.empty()) where.Add("area_id = ?", filter.area_id);
  if (!filter.status.empty()) where.Add("status = ?", filter.status);
  if (!filter.ref_id.empty()) where.Add("ref_id = ?", filter.ref_id);
  if (!filter.owner_id.empty()) where.Add("owner_id = ?", filter.owner_id);
  // Lists are bound as one parameter, so the SQL text does not depend on their length.
  if (!filter.statuses.empty()) where.Add(d.InList("status"), TextList{filter.statuses});
  if (filter.restrict_areas || !filter.area_ids.empty()) where.Add(d.InList("area_id"), TextList{filter.area_ids});
  if (filter.restrict_cross_org)
    where.Add("(org_id = '' OR org_id = ? OR " + d.InList("area_id") + ")", filter.reader_org_id,
              TextList{filter.cross_org_area_ids});
  if (!filter.active_on.empty())
    where.Add("starts_on <= ? AND (ends_on = '' OR ends_on >= ?)", filter.active_on, filter.active_on);
  if (!filter.overlaps_from.empty()) where.Add("(ends_on = '' OR ends_on >= ?)", filter.overlaps_from);
  if (!filter.overlaps_to.empty()) where.Add("starts_on <= ?", filter.overlaps_to);
  WhereClause after = where;
  SRM_TRY(AddNewestFirstCursor(&after, page.after));
  return FetchPage<DocRow>(*db_,
                           {"SELECT COUNT(*) FROM docs", filter.with_doc ? kDocListColumnsWithDoc : kDocListColumns,
                            " ORDER BY updated_at DESC, id DESC"},
                           where, after, ClampLimit(page.limit), ReadDocRow, DocCursor);
}

Result<std::optional<SraRow>> SqlStore::GetSraUnlessRevision(const std::string& id, int64_t known_revision) {
  return ReadOne<SraRow>(*db_,
                         "SELECT id, series_id, version, kind, title, area_id, country_id, organization_id, status, "
                         "method_version, overall_residual, review_due, created_at, updated_at, revision, "
                         // The document only when the caller does not hold this revision's.
                         "CASE WHEN revision = ?2 THEN '' ELSE doc END, "
                         // Served by sras_series_version_key (series_id, version). The statuses
                         // in progress are tested with a CASE, not `status IN (...)`: SQLite
                         // builds a constant IN list into a temporary b-tree on every execution,
                         // which cost more than the rest of this read (callgrind).
                         "COALESCE((SELECT MAX(w.version) FROM sras w WHERE w.series_id = sras.series_id AND "
                         "CASE w.status WHEN 'draft' THEN 1 WHEN 'in_review' THEN 1 WHEN 'reviewed' THEN 1 "
                         "WHEN 'endorsed' THEN 1 WHEN 'returned' THEN 1 ELSE 0 END = 1), 0), "
                         // The people's names epoch (migration 0029), in this same statement so
                         // the read gets no extra round trip: one primary-key probe of a one-row table.
                         "COALESCE((SELECT epoch FROM user_names_epoch WHERE id = 1), 0) "
                         "FROM sras WHERE id = ?1",
                         Args(id, known_revision), [](const Row& r) {
                           SraRow row = ReadSraColumns(r);
                           row.doc = r.Text(15);
                           row.version_in_progress = static_cast<int>(r.Int(16));
                           row.names_epoch = r.Int(17);
                           return row;
                         });
}

Result<Page<SraRow>> SqlStore::ListSras(const SraFilter& filter, const PageRequest& page) {
  const Dialect& d = db_->dialect();
  WhereClause where;
  if (!filter.area_id.empty()) where.Add("area_id = ?", filter.area_id);
  if (!filter.series_id.empty()) where.Add("series_id = ?", filter.series_id);
  if (!filter.country_id.empty()) where.Add("country_id = ?", filter.country_id);
  if (!filter.statuses.empty()) where.Add(d.InList("status"), TextList{filter.statuses});
  if (filter.restrict_areas || !filter.area_ids.empty()) where.Add(d.InList("area_id"), TextList{filter.area_ids});
  if (filter.restrict_cross_org)
    where.Add("(kind <> 'specific' OR organization_id = ? OR " + d.InList("area_id") + ")", filter.reader_org_id,
              TextList{filter.cross_org_area_ids});
  if (filter.restrict_status_areas)
    where.Add(d.InList("(status || '|' || area_id)"), TextList{filter.status_areas});
  // Search, filters and sort; they only ever add conditions to the scope's.
  const ListNarrowing& n = filter.narrow;
  if (!filter.overall_residual.empty()) where.Add("overall_residual = ?", filter.overall_residual);
  if (!n.text.empty()) {
    const std::string folded = FoldAscii(n.text);
    where.Add("(" + d.ContainsFolded("title") + " OR area_id IN (SELECT id FROM areas WHERE " +
                  d.ContainsFolded("name") + "))",
              folded, folded);
  }
  if (!n.date_from.empty()) where.Add("review_due <> '' AND review_due >= ?", n.date_from);
  if (!n.date_to.empty()) where.Add("review_due <> '' AND review_due <= ?", n.date_to);
  SortOrder order;  // the newest change first
  // An SRA without a review date sorts after every dated one.
  constexpr std::string_view kDue = "(CASE WHEN review_due = '' THEN '9999-12-31' ELSE review_due END)";
  if (n.sort == "title") order = SortBy("title", n.descending);
  else if (n.sort == "due") order = SortBy(std::string(kDue), n.descending);
  else if (n.sort == "risk") order = RankOrder("overall_residual", n.risk_levels, n.descending);
  else if (n.sort == "updated") order.descending = n.descending;
  else if (!n.sort.empty()) return Invalid("unknown_sort", "unknown sort key '" + n.sort + "'", "sort");
  WhereClause after = where;
  SRM_TRY(AddSortCursor(&after, order, page.after));
  const std::string order_by = OrderBySql(order);
  auto cursor_of = [&](const SraRow& r) -> std::string {
    if (n.sort == "title") return r.title + "|" + r.id;
    if (n.sort == "due") return (r.review_due.empty() ? "9999-12-31" : r.review_due) + "|" + r.id;
    if (n.sort == "risk") {
      int rank = 0;
      for (size_t i = 0; i < n.risk_levels.size(); ++i)
        if (n.risk_levels[i] == r.overall_residual) rank = static_cast<int>(i) + 1;
      return std::to_string(rank) + "|" + r.id;
    }
    return SraCursor(r);
  };
  return FetchPage<SraRow>(*db_, {"SELECT COUNT(*) FROM sras", kSraListColumns, order_by, order.values}, where, after,
                           ClampLimit(page.limit), ReadSraColumns, cursor_of);
}

}  // namespace srm::store::sql
