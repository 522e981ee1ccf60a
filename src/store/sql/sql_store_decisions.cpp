// Decision records: one table per kind (decision_tables.h maps records onto them), revisioned
// writes that share a transaction with SRA versions and audit entries, and the newest-first lists
// of store/decision_records.h.
#include <variant>

#include "store/sql/decision_tables.h"
#include "store/sql/query.h"
#include "store/sql/sql_store.h"

namespace srm::store::sql {
namespace {

template <typename T>
std::string RecordCursor(const T& r) {
  return r.updated_at + "|" + r.id;
}

template <typename T>
Status WriteRecord(Executor& e, const T& r, int64_t expected_revision) {
  const Table<T>& table = TableOf<T>();
  Values values = RecordValues(table, r);
  values.emplace_back(expected_revision + 1);
  if (expected_revision == 0) {
    SRM_TRY(e.Execute(table.insert, values));
    return {};
  }
  values.emplace_back(expected_revision);
  SRM_ASSIGN(updated, e.Execute(table.update, values));
  if (updated == 0) return StaleRevision(std::string(table.name) + " " + r.id, expected_revision);
  return {};
}

template <typename T>
Result<std::optional<T>> GetRecord(Database& db, const std::string& id) {
  const Table<T>& table = TableOf<T>();
  return ReadOne<T>(db, table.select + " WHERE id = ?1", Args(id),
                    [&](const Row& row) { return ReadRecord(table, row); });
}

template <typename T>
Result<Page<T>> ListRecords(Database& db, const WhereClause& where, const PageRequest& page) {
  const Table<T>& table = TableOf<T>();
  WhereClause after = where;
  SRM_TRY(AddNewestFirstCursor(&after, page.after));
  const std::string count = std::string("SELECT COUNT(*) FROM ") + table.name;
  return FetchPage<T>(db, {count, table.select, " ORDER BY updated_at DESC, id DESC"}, where, after,
                      ClampLimit(page.limit), [&](const Row& row) { return ReadRecord(table, row); },
                      RecordCursor<T>);
}

// The filter conditions every list shares.
void Equal(WhereClause* w, const char* column, const std::string& value) {
  if (!value.empty()) w->Add(std::string(column) + " = ?", value);
}
void AnyOf(WhereClause* w, const Dialect& d, const char* column, const std::vector<std::string>& values) {
  if (!values.empty()) w->Add(d.InList(column), TextList{values});
}
void InAreas(WhereClause* w, const Dialect& d, const std::optional<std::vector<std::string>>& areas) {
  if (areas) w->Add(d.InList("area_id"), TextList{*areas});  // an empty set matches nothing
}

}  // namespace

Status SqlStore::Write(const WriteBatch& batch, const std::vector<AuditEvent>& audit) {
  for (const SraWrite& write : batch.sras) {
    SRM_TRY(RequireId(write.row.id, "SRA"));
    SRM_TRY(CheckRevision(write.expected_revision));
  }
  for (const RecordWrite& write : batch.records) {
    SRM_TRY(std::visit([](const auto& r) { return RequireId(r.id, "decision record"); }, write.record));
    SRM_TRY(CheckRevision(write.expected_revision));
  }
  for (const DocWrite& write : batch.docs) {
    SRM_TRY(RequireId(write.row.id, "document"));
    if (write.row.kind.empty()) return Invalid("missing_kind", "a document needs a kind", "kind");
    SRM_TRY(CheckRevision(write.expected_revision));
  }
  return Write(audit, [&](Executor& e) -> Status {
    SRM_TRY(WriteSraRows(e, batch.sras));
    for (const RecordWrite& write : batch.records)
      SRM_TRY(std::visit([&](const auto& r) { return WriteRecord(e, r, write.expected_revision); }, write.record));
    return WriteDocRows(e, batch.docs);
  });
}

// --- single records ---

Result<std::optional<records::ClearanceRequest>> SqlStore::GetClearanceRequest(const std::string& id) {
  return GetRecord<records::ClearanceRequest>(*db_, id);
}
Result<std::optional<records::ClearanceLeg>> SqlStore::GetClearanceLeg(const std::string& id) {
  return GetRecord<records::ClearanceLeg>(*db_, id);
}
Result<std::optional<records::EgsRecord>> SqlStore::GetEgsRecord(const std::string& id) {
  return GetRecord<records::EgsRecord>(*db_, id);
}
Result<std::optional<records::SpecificSraApproval>> SqlStore::GetSpecificSraApproval(const std::string& id) {
  return GetRecord<records::SpecificSraApproval>(*db_, id);
}
Result<std::optional<records::ActivityDecisionRecord>> SqlStore::GetActivityDecision(const std::string& id) {
  return GetRecord<records::ActivityDecisionRecord>(*db_, id);
}
Result<std::optional<records::PcAssessment>> SqlStore::GetPcAssessment(const std::string& id) {
  return GetRecord<records::PcAssessment>(*db_, id);
}
Result<std::optional<records::ComplianceItem>> SqlStore::GetComplianceItem(const std::string& id) {
  return GetRecord<records::ComplianceItem>(*db_, id);
}
Result<std::optional<records::Notification>> SqlStore::GetNotification(const std::string& id) {
  return GetRecord<records::Notification>(*db_, id);
}

// --- lists ---

Result<Page<records::ClearanceRequest>> SqlStore::ListClearanceRequests(const ClearanceRequestFilter& f,
                                                                        const PageRequest& page) {
  WhereClause w;
  Equal(&w, "status", f.status);
  Equal(&w, "organization_id", f.organization_id);
  Equal(&w, "country_id", f.country_id);
  Equal(&w, "programme_id", f.programme_id);
  if (!f.not_ended_by.empty()) w.Add("(\"to\" = '' OR \"to\" >= ?)", f.not_ended_by);
  return ListRecords<records::ClearanceRequest>(*db_, w, page);
}

Result<Page<records::ClearanceLeg>> SqlStore::ListClearanceLegs(const ClearanceLegFilter& f, const PageRequest& page) {
  const Dialect& d = db_->dialect();
  WhereClause w;
  Equal(&w, "request_id", f.request_id);
  Equal(&w, "area_id", f.area_id);
  Equal(&w, "organization_id", f.organization_id);
  AnyOf(&w, d, "status", f.statuses);
  InAreas(&w, d, f.areas);
  if (!f.active_on.empty())
    w.Add("\"from\" <= ? AND (\"to\" = '' OR \"to\" >= ?)", f.active_on, f.active_on);
  if (!f.overlaps_from.empty()) w.Add("(\"to\" = '' OR \"to\" >= ?)", f.overlaps_from);
  if (!f.overlaps_to.empty()) w.Add("\"from\" <= ?", f.overlaps_to);
  return ListRecords<records::ClearanceLeg>(*db_, w, page);
}

Result<Page<records::EgsRecord>> SqlStore::ListEgsRecords(const EgsFilter& f, const PageRequest& page) {
  WhereClause w;
  Equal(&w, "area_id", f.area_id);
  InAreas(&w, db_->dialect(), f.areas);
  return ListRecords<records::EgsRecord>(*db_, w, page);
}

Result<Page<records::SpecificSraApproval>> SqlStore::ListSpecificSraApprovals(const SpecificSraApprovalFilter& f,
                                                                              const PageRequest& page) {
  const Dialect& d = db_->dialect();
  WhereClause w;
  Equal(&w, "area_id", f.area_id);
  Equal(&w, "organization_id", f.organization_id);
  AnyOf(&w, d, "status", f.statuses);
  InAreas(&w, d, f.areas);
  if (f.cross_org.restrict)
    w.Add("(organization_id IS NULL OR organization_id = ? OR " + d.InList("area_id") + ")",
          f.cross_org.reader_org_id, TextList{f.cross_org.area_ids});
  return ListRecords<records::SpecificSraApproval>(*db_, w, page);
}

Result<Page<records::ActivityDecisionRecord>> SqlStore::ListActivityDecisions(const ActivityDecisionFilter& f,
                                                                              const PageRequest& page) {
  WhereClause w;
  Equal(&w, "area_id", f.area_id);
  Equal(&w, "status", f.status);
  Equal(&w, "organization_id", f.organization_id);
  InAreas(&w, db_->dialect(), f.areas);
  return ListRecords<records::ActivityDecisionRecord>(*db_, w, page);
}

Result<Page<records::ComplianceItem>> SqlStore::ListComplianceItems(const ComplianceFilter& f,
                                                                    const PageRequest& page) {
  WhereClause w;
  Equal(&w, "area_id", f.area_id);
  Equal(&w, "location_id", f.location_id);
  Equal(&w, "status", f.status);
  Equal(&w, "organization_id", f.organization_id);
  InAreas(&w, db_->dialect(), f.areas);
  return ListRecords<records::ComplianceItem>(*db_, w, page);
}

Result<Page<records::Notification>> SqlStore::ListNotifications(const NotificationFilter& f, const PageRequest& page) {
  WhereClause w;
  Equal(&w, "user_id", f.user_id);
  Equal(&w, "status", f.status);
  return ListRecords<records::Notification>(*db_, w, page);
}

}  // namespace srm::store::sql
