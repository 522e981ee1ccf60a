// Decision records: one table per kind and a child table per list (decision_tables.h maps records
// onto them), revisioned writes that share a transaction with SRA versions and audit entries, and
// the newest-first lists of store/decision_records.h.
#include <algorithm>
#include <unordered_map>
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

// Elements per INSERT statement of a child list (well under SQLite's 32,766 parameters).
constexpr size_t kChildRowsPerInsert = 100;

// Replaces the rows of each child list of `r` (inside the parent's transaction).
template <typename T>
Status WriteChildren(Executor& e, const Table<T>& table, const T& r, bool replace) {
  for (const ChildList<T>& child : table.children) {
    if (replace) SRM_TRY(e.Execute(child.remove, Args(r.id)));
    const std::vector<Values> rows = child.rows(r);
    for (size_t start = 0; start < rows.size(); start += kChildRowsPerInsert) {
      const size_t end = std::min(rows.size(), start + kChildRowsPerInsert);
      std::string sql = child.insert_head;
      Values params;
      int p = 0;
      for (size_t i = start; i < end; ++i) {
        sql += i == start ? "(" : ", (";
        params.emplace_back(r.id);
        params.emplace_back(static_cast<int64_t>(i));
        for (const Value& v : rows[i]) params.push_back(v);
        for (int c = 0; c < child.width; ++c) sql += (c == 0 ? "?" : ", ?") + std::to_string(++p);
        sql += ")";
      }
      SRM_TRY(e.Execute(sql, params));
    }
  }
  return {};
}

template <typename T>
Status WriteRecord(Executor& e, const T& r, int64_t expected_revision) {
  const Table<T>& table = TableOf<T>();
  Values values = RecordValues(table, r);
  values.emplace_back(expected_revision + 1);
  if (expected_revision == 0) {
    SRM_TRY(e.Execute(table.insert, values));
    return WriteChildren(e, table, r, false);
  }
  values.emplace_back(expected_revision);
  SRM_ASSIGN(updated, e.Execute(table.update, values));
  if (updated == 0) return StaleRevision(std::string(table.name) + " " + r.id, expected_revision);
  return WriteChildren(e, table, r, true);
}

// Fills the child lists of `items` (rows of one page, or one record): one query per child table.
template <typename T>
Status ReadChildren(Executor& e, const Table<T>& table, std::vector<T>& items) {
  if (items.empty() || table.children.empty()) return {};
  std::unordered_map<std::string, T*> by_id;
  TextList ids;
  for (T& r : items) {
    by_id.emplace(r.id, &r);
    ids.values.push_back(r.id);
  }
  for (const ChildList<T>& child : table.children) {
    const bool one = items.size() == 1;
    const std::string sql =
        one ? child.select : child.select_many + e.dialect().InList(child.parent_column) + child.order_many;
    SRM_TRY(e.Query(sql, one ? Args(items.front().id) : Args(ids), [&](const Row& row) -> Result<bool> {
      if (auto it = by_id.find(row.Text(0)); it != by_id.end()) child.append(*it->second, row, 1);
      return true;
    }));
  }
  return {};
}

template <typename T>
Result<std::optional<T>> GetRecord(Database& db, const std::string& id) {
  const Table<T>& table = TableOf<T>();
  std::optional<T> out;
  SRM_TRY(db.Transact(TxKind::kRead, [&](Executor& e) -> Status {
    SRM_ASSIGN(found, First<T>(e, table.select + " WHERE id = ?1", Args(id),
                               [&](const Row& row) { return ReadRecord(table, row); }));
    out.reset();
    if (!found) return {};
    std::vector<T> one{std::move(*found)};
    SRM_TRY(ReadChildren(e, table, one));
    out = std::move(one.front());
    return {};
  }));
  return out;
}

template <typename T>
Result<Page<T>> ListRecords(Database& db, const WhereClause& where, const PageRequest& page) {
  const Table<T>& table = TableOf<T>();
  WhereClause after = where;
  SRM_TRY(AddNewestFirstCursor(&after, page.after));
  const std::string count = std::string("SELECT COUNT(*) FROM ") + table.name;
  return FetchPage<T>(
      db, {count, table.select, " ORDER BY updated_at DESC, id DESC"}, where, after, ClampLimit(page.limit),
      [&](const Row& row) { return ReadRecord(table, row); }, RecordCursor<T>,
      [&](Executor& e, std::vector<T>& items) { return ReadChildren(e, table, items); });
}

// A list in a chosen order; sort_value(record) is the value of order.expr for the cursor.
template <typename T, typename SortValue>
Result<Page<T>> ListRecordsSorted(Database& db, const WhereClause& where, const PageRequest& page,
                                  const SortOrder& order, SortValue sort_value) {
  const Table<T>& table = TableOf<T>();
  WhereClause after = where;
  SRM_TRY(AddSortCursor(&after, order, page.after));
  const std::string count = std::string("SELECT COUNT(*) FROM ") + table.name;
  const std::string order_by = OrderBySql(order);
  return FetchPage<T>(
      db, {count, table.select, order_by, order.values}, where, after, ClampLimit(page.limit),
      [&](const Row& row) { return ReadRecord(table, row); },
      [&](const T& r) { return sort_value(r) + "|" + r.id; },
      [&](Executor& e, std::vector<T>& items) { return ReadChildren(e, table, items); });
}

// One sort key of a list: the key the API names, the SQL it orders by (`numeric`: a number, bound
// as one in the cursor) and the record's value of it for the page cursor.
template <typename T>
struct SortKey {
  std::string_view key;
  std::string_view expr;
  std::string (*value)(const T&);
  bool numeric = false;
};

// A list in the order `n.sort` names, one of `keys`; newest change first when it names none, and
// 400 unknown_sort for a key the list does not have.
template <typename T>
Result<Page<T>> ListInOrder(Database& db, const WhereClause& where, const PageRequest& page, const ListNarrowing& n,
                            std::initializer_list<SortKey<T>> keys) {
  if (n.sort.empty()) return ListRecords<T>(db, where, page);
  for (const SortKey<T>& k : keys) {
    if (n.sort != k.key) continue;
    SortOrder order = SortBy(std::string(k.expr), n.descending);
    order.numeric = k.numeric;
    return ListRecordsSorted<T>(db, where, page, order, k.value);
  }
  return Invalid("unknown_sort", "unknown sort key '" + n.sort + "'", "sort");
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
  // Search, area, travel dates and sort, only ever narrowing.
  const Dialect& d = db_->dialect();
  const ListNarrowing& n = f.narrow;
  if (!f.area_id.empty()) w.Add("id IN (SELECT request_id FROM clearance_legs WHERE area_id = ?)", f.area_id);
  AddTextSearch(&w, d, n.text, {"traveller_name", "activity", "mission_ref", "purpose"});
  if (!n.date_from.empty()) w.Add("(\"to\" = '' OR \"to\" >= ?)", n.date_from);
  if (!n.date_to.empty()) w.Add("\"from\" <= ?", n.date_to);
  using R = records::ClearanceRequest;
  return ListInOrder<R>(*db_, w, page, n,
                        {{"updated", "updated_at", [](const R& r) { return r.updated_at; }},
                         {"from", "\"from\"", [](const R& r) { return r.from; }},
                         {"traveller", "traveller_name", [](const R& r) { return r.traveller.name; }}});
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
  // Decision, search, the window's dates and sort, only ever narrowing.
  Equal(&w, "decision", f.decision);
  const ListNarrowing& n = f.narrow;
  AddTextSearch(&w, db_->dialect(), n.text, {"area_name", "reason", "meeting_ref", "recorded_by_username"});
  if (!n.date_from.empty()) w.Add("(\"to\" = '' OR \"to\" >= ?)", n.date_from);
  if (!n.date_to.empty()) w.Add("\"from\" <= ?", n.date_to);
  using R = records::EgsRecord;
  return ListInOrder<R>(*db_, w, page, n,
                        {{"updated", "updated_at", [](const R& r) { return r.updated_at; }},
                         {"from", "\"from\"", [](const R& r) { return r.from; }},
                         {"area", "area_name", [](const R& r) { return r.area_name; }},
                         {"decided", "decided_at", [](const R& r) { return r.decided_at; }}});
}

Result<std::optional<records::RiskAcceptance>> SqlStore::GetRiskAcceptance(const std::string& id) {
  return GetRecord<records::RiskAcceptance>(*db_, id);
}

Result<Page<records::RiskAcceptance>> SqlStore::ListRiskAcceptances(const RiskAcceptanceFilter& f,
                                                                    const PageRequest& page) {
  WhereClause w;
  Equal(&w, "programme_id", f.programme_id);
  Equal(&w, "area_id", f.area_id);
  Equal(&w, "status", f.status);
  return ListRecords<records::RiskAcceptance>(*db_, w, page);
}

Result<std::optional<records::AvoidanceDecision>> SqlStore::GetAvoidanceDecision(const std::string& id) {
  return GetRecord<records::AvoidanceDecision>(*db_, id);
}

Result<Page<records::AvoidanceDecision>> SqlStore::ListAvoidanceDecisions(const AvoidanceFilter& f,
                                                                          const PageRequest& page) {
  WhereClause w;
  Equal(&w, "area_id", f.area_id);
  InAreas(&w, db_->dialect(), f.areas);
  // kind, search and sort, only ever narrowing.
  Equal(&w, "kind", f.kind);
  const ListNarrowing& n = f.narrow;
  AddTextSearch(&w, db_->dialect(), n.text, {"area_name", "reason", "destination", "personnel", "decided_by_username"});
  using R = records::AvoidanceDecision;
  return ListInOrder<R>(*db_, w, page, n,
                        {{"decided", "decided_at", [](const R& r) { return r.decided_at; }},
                         {"from", "\"from\"", [](const R& r) { return r.from; }},
                         {"area", "area_name", [](const R& r) { return r.area_name; }},
                         {"updated", "updated_at", [](const R& r) { return r.updated_at; }}});
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
  AnyOf(&w, db_->dialect(), "programme_id", f.programme_ids);
  // Search, decision dates (decided_at is a timestamp: the upper bound is the next day,
  // computed by the route) and sort, only ever narrowing.
  const ListNarrowing& n = f.narrow;
  AddTextSearch(&w, db_->dialect(), n.text, {"programme_name", "activity", "area_name"});
  if (!n.date_from.empty()) w.Add("decided_at >= ?", n.date_from);
  if (!n.date_to.empty()) w.Add("decided_at < ?", n.date_to);
  using R = records::ActivityDecisionRecord;
  if (n.sort == "risk") {
    const SortOrder order = RankOrder("residual_risk", n.risk_levels, n.descending);
    return ListRecordsSorted<R>(*db_, w, page, order, [&n](const R& r) {
      int rank = 0;
      for (size_t i = 0; i < n.risk_levels.size(); ++i)
        if (r.residual_risk && n.risk_levels[i] == *r.residual_risk) rank = static_cast<int>(i) + 1;
      return std::to_string(rank);
    });
  }
  return ListInOrder<R>(*db_, w, page, n,
                        {{"updated", "updated_at", [](const R& r) { return r.updated_at; }},
                         {"programme", "programme_name", [](const R& r) { return r.programme_name; }},
                         {"area", "area_name", [](const R& r) { return r.area_name; }},
                         {"pc", "pc", [](const R& r) { return std::to_string(r.pc); }, true}});
}

Result<Page<records::PcAssessment>> SqlStore::ListPcAssessments(const PcAssessmentFilter& f, const PageRequest& page) {
  WhereClause w;
  // An empty set matches nothing (a page without rows asks for no assessments).
  w.Add(db_->dialect().InList("programme_id"), TextList{f.programme_ids});
  return ListRecords<records::PcAssessment>(*db_, w, page);
}

Result<Page<records::ComplianceItem>> SqlStore::ListComplianceItems(const ComplianceFilter& f,
                                                                    const PageRequest& page) {
  WhereClause w;
  Equal(&w, "area_id", f.area_id);
  Equal(&w, "location_id", f.location_id);
  Equal(&w, "status", f.status);
  Equal(&w, "organization_id", f.organization_id);
  InAreas(&w, db_->dialect(), f.areas);
  // Search, due dates and sort, only ever narrowing.
  const ListNarrowing& n = f.narrow;
  AddTextSearch(&w, db_->dialect(), n.text, {"requirement", "location_name", "owner"});
  if (!n.date_from.empty()) w.Add("due_date >= ?", n.date_from);
  if (!n.date_to.empty()) w.Add("due_date <= ?", n.date_to);
  using R = records::ComplianceItem;
  return ListInOrder<R>(*db_, w, page, n,
                        {{"updated", "updated_at", [](const R& r) { return r.updated_at; }},
                         {"due", "due_date", [](const R& r) { return r.due_date; }},
                         {"location", "location_name", [](const R& r) { return r.location_name; }}});
}

Result<Page<records::Notification>> SqlStore::ListNotifications(const NotificationFilter& f, const PageRequest& page) {
  WhereClause w;
  Equal(&w, "user_id", f.user_id);
  Equal(&w, "status", f.status);
  return ListRecords<records::Notification>(*db_, w, page);
}

// --- the results chain and the universal price list (migration 0012) ---

Result<std::optional<records::SecurityService>> SqlStore::GetSecurityService(const std::string& id) {
  return GetRecord<records::SecurityService>(*db_, id);
}

Result<Page<records::SecurityService>> SqlStore::ListSecurityServices(const SecurityServiceFilter& f,
                                                                      const PageRequest& page) {
  WhereClause w;
  Equal(&w, "code", f.code);
  if (f.current_only) w.Add("superseded = 0");
  return ListRecords<records::SecurityService>(*db_, w, page);
}

Result<std::optional<records::PriceList>> SqlStore::GetPriceList(const std::string& id) {
  return GetRecord<records::PriceList>(*db_, id);
}

Result<Page<records::PriceList>> SqlStore::ListPriceLists(const PriceListFilter& f, const PageRequest& page) {
  WhereClause w;
  if (f.year != 0) w.Add("year = ?", static_cast<int64_t>(f.year));
  Equal(&w, "status", f.status);
  return ListRecords<records::PriceList>(*db_, w, page);
}

// ---- migration 0015: service-level agreements and country calendars ----

Result<std::optional<records::ServiceLevelAgreement>> SqlStore::GetServiceLevelAgreement(const std::string& id) {
  return GetRecord<records::ServiceLevelAgreement>(*db_, id);
}

Result<Page<records::ServiceLevelAgreement>> SqlStore::ListServiceLevelAgreements(const SlaFilter& f,
                                                                                  const PageRequest& page) {
  WhereClause w;
  Equal(&w, "organization_id", f.organization_id);
  // Search (title, the organization's name) and sort, only ever narrowing.
  const ListNarrowing& n = f.narrow;
  if (!n.text.empty()) {
    const Dialect& d = db_->dialect();
    const std::string folded = FoldAscii(n.text);
    w.AddWith("(" + d.ContainsFolded("title") + " OR organization_id IN (SELECT id FROM organizations WHERE " +
                  d.ContainsFolded("name") + "))",
              {folded, folded});
  }
  using R = records::ServiceLevelAgreement;
  return ListInOrder<R>(*db_, w, page, n,
                        {{"updated", "updated_at", [](const R& r) { return r.updated_at; }},
                         {"title", "title", [](const R& r) { return r.title; }},
                         {"from", "\"from\"", [](const R& r) { return r.from; }}});
}

Result<std::optional<records::CountryCalendar>> SqlStore::GetCountryCalendar(const std::string& id) {
  return GetRecord<records::CountryCalendar>(*db_, id);
}

Result<Page<records::CountryCalendar>> SqlStore::ListCountryCalendars(const CountryCalendarFilter& f,
                                                                      const PageRequest& page) {
  WhereClause w;
  Equal(&w, "country_id", f.country_id);
  return ListRecords<records::CountryCalendar>(*db_, w, page);
}

// --- local cost-shared security budgets (migration 0013) ---

Result<std::optional<records::Budget>> SqlStore::GetBudget(const std::string& id) {
  return GetRecord<records::Budget>(*db_, id);
}

Result<Page<records::Budget>> SqlStore::ListBudgets(const BudgetFilter& f, const PageRequest& page) {
  WhereClause w;
  Equal(&w, "country_id", f.country_id);
  Equal(&w, "status", f.status);
  if (f.year != 0) w.Add("year = ?", static_cast<int64_t>(f.year));
  if (f.countries) w.Add(db_->dialect().InList("country_id"), TextList{*f.countries});  // empty: nothing
  // Search, the headcount reference dates and sort, only ever narrowing.
  const ListNarrowing& n = f.narrow;
  AddTextSearch(&w, db_->dialect(), n.text,
                {"country_id", "currency", "drafted_by_username", "endorsed_by_username", "approved_by_username"});
  if (!n.date_from.empty()) w.Add("reference_date >= ?", n.date_from);
  if (!n.date_to.empty()) w.Add("reference_date <= ?", n.date_to);
  using R = records::Budget;
  return ListInOrder<R>(*db_, w, page, n,
                        {{"updated", "updated_at", [](const R& r) { return r.updated_at; }},
                         {"country", "country_id", [](const R& r) { return r.country_id; }},
                         {"year", "year", [](const R& r) { return std::to_string(r.year); }, true},
                         {"total", "total_minor", [](const R& r) { return std::to_string(r.total_minor); }, true}});
}

// --- governance, the action plan and the security workforce (migrations 0019-0021, issue 16) ---

Result<std::optional<records::GovernanceBody>> SqlStore::GetGovernanceBody(const std::string& id) {
  return GetRecord<records::GovernanceBody>(*db_, id);
}
Result<Page<records::GovernanceBody>> SqlStore::ListGovernanceBodies(const GovernanceFilter& f,
                                                                     const PageRequest& page) {
  WhereClause w;
  Equal(&w, "kind", f.kind);
  // Search and sort, only ever narrowing.
  const ListNarrowing& n = f.narrow;
  AddTextSearch(&w, db_->dialect(), n.text, {"name", "reports_to"});
  using R = records::GovernanceBody;
  return ListInOrder<R>(*db_, w, page, n,
                        {{"updated", "updated_at", [](const R& r) { return r.updated_at; }},
                         {"name", "name", [](const R& r) { return r.name; }}});
}
Result<std::optional<records::GovernanceMeeting>> SqlStore::GetGovernanceMeeting(const std::string& id) {
  return GetRecord<records::GovernanceMeeting>(*db_, id);
}
Result<Page<records::GovernanceMeeting>> SqlStore::ListGovernanceMeetings(const GovernanceFilter& f,
                                                                          const PageRequest& page) {
  WhereClause w;
  Equal(&w, "body_id", f.body_id);
  // Search, the meeting dates and sort, only ever narrowing.
  const ListNarrowing& n = f.narrow;
  AddTextSearch(&w, db_->dialect(), n.text, {"title", "summary"});
  if (!n.date_from.empty()) w.Add("held_on >= ?", n.date_from);
  if (!n.date_to.empty()) w.Add("held_on <= ?", n.date_to);
  using R = records::GovernanceMeeting;
  return ListInOrder<R>(*db_, w, page, n,
                        {{"updated", "updated_at", [](const R& r) { return r.updated_at; }},
                         {"held", "held_on", [](const R& r) { return r.held_on; }},
                         {"title", "title", [](const R& r) { return r.title; }}});
}
Result<std::optional<records::GovernanceDecision>> SqlStore::GetGovernanceDecision(const std::string& id) {
  return GetRecord<records::GovernanceDecision>(*db_, id);
}
Result<Page<records::GovernanceDecision>> SqlStore::ListGovernanceDecisions(const GovernanceFilter& f,
                                                                            const PageRequest& page) {
  WhereClause w;
  Equal(&w, "body_id", f.body_id);
  Equal(&w, "meeting_id", f.meeting_id);
  Equal(&w, "status", f.status);
  // Search, due dates and sort, only ever narrowing.
  const ListNarrowing& n = f.narrow;
  AddTextSearch(&w, db_->dialect(), n.text, {"text", "tasked_to"});
  if (!n.date_from.empty()) w.Add("due_on >= ?", n.date_from);
  if (!n.date_to.empty()) w.Add("due_on <> '' AND due_on <= ?", n.date_to);
  using R = records::GovernanceDecision;
  return ListInOrder<R>(*db_, w, page, n,
                        {{"updated", "updated_at", [](const R& r) { return r.updated_at; }},
                         {"due", "due_on", [](const R& r) { return r.due_on; }}});
}
Result<std::optional<records::ActionPlanItem>> SqlStore::GetActionPlanItem(const std::string& id) {
  return GetRecord<records::ActionPlanItem>(*db_, id);
}
Result<Page<records::ActionPlanItem>> SqlStore::ListActionPlanItems(const ActionPlanFilter& f, const PageRequest& page) {
  WhereClause w;
  Equal(&w, "category", f.category);
  Equal(&w, "status", f.status);
  // Search, due dates and sort, only ever narrowing.
  const ListNarrowing& n = f.narrow;
  AddTextSearch(&w, db_->dialect(), n.text, {"code", "title", "lead"});
  if (!n.date_from.empty()) w.Add("due_on >= ?", n.date_from);
  if (!n.date_to.empty()) w.Add("due_on <> '' AND due_on <= ?", n.date_to);
  using R = records::ActionPlanItem;
  return ListInOrder<R>(*db_, w, page, n,
                        {{"updated", "updated_at", [](const R& r) { return r.updated_at; }},
                         {"code", "code", [](const R& r) { return r.code; }},
                         {"due", "due_on", [](const R& r) { return r.due_on; }}});
}
Result<std::optional<records::SecurityPersonnel>> SqlStore::GetSecurityPersonnel(const std::string& id) {
  return GetRecord<records::SecurityPersonnel>(*db_, id);
}
Result<Page<records::SecurityPersonnel>> SqlStore::ListSecurityPersonnel(const WorkforceFilter& f,
                                                                         const PageRequest& page) {
  WhereClause w;
  Equal(&w, "organization_id", f.organization_id);
  Equal(&w, "area_id", f.area_id);
  Equal(&w, "status", f.status);
  Equal(&w, "user_id", f.user_id);
  if (f.organizations) w.Add(db_->dialect().InList("organization_id"), TextList{*f.organizations});
  // Search and sort, only ever narrowing.
  const ListNarrowing& n = f.narrow;
  AddTextSearch(&w, db_->dialect(), n.text, {"full_name", "post"});
  using R = records::SecurityPersonnel;
  return ListInOrder<R>(*db_, w, page, n,
                        {{"updated", "updated_at", [](const R& r) { return r.updated_at; }},
                         {"name", "full_name", [](const R& r) { return r.full_name; }}});
}
Result<std::optional<records::SurgeDeployment>> SqlStore::GetSurgeDeployment(const std::string& id) {
  return GetRecord<records::SurgeDeployment>(*db_, id);
}
Result<Page<records::SurgeDeployment>> SqlStore::ListSurgeDeployments(const WorkforceFilter& f,
                                                                       const PageRequest& page) {
  WhereClause w;
  Equal(&w, "organization_id", f.organization_id);
  Equal(&w, "area_id", f.area_id);
  Equal(&w, "personnel_id", f.personnel_id);
  Equal(&w, "status", f.status);
  if (f.organizations) w.Add(db_->dialect().InList("organization_id"), TextList{*f.organizations});
  return ListRecords<records::SurgeDeployment>(*db_, w, page);
}

// --- the emergency security fund (migration 0018, issue 16) ---

Result<std::vector<records::FundAuthority>> SqlStore::ListFundAuthorities() {
  SRM_ASSIGN(rows, ListRecords<records::FundAuthority>(*db_, WhereClause{}, {500, ""}));
  return std::move(rows.items);
}
Result<std::optional<records::FundAccount>> SqlStore::GetFundAccount(const std::string& id) {
  return GetRecord<records::FundAccount>(*db_, id);
}
Result<std::optional<records::FundContribution>> SqlStore::GetFundContribution(const std::string& id) {
  return GetRecord<records::FundContribution>(*db_, id);
}
Result<Page<records::FundContribution>> SqlStore::ListFundContributions(const FundContributionFilter& f,
                                                                        const PageRequest& page) {
  WhereClause w;
  Equal(&w, "donor_org_id", f.donor_org_id);
  return ListRecords<records::FundContribution>(*db_, w, page);
}
Result<std::optional<records::FundRequest>> SqlStore::GetFundRequest(const std::string& id) {
  return GetRecord<records::FundRequest>(*db_, id);
}
Result<Page<records::FundRequest>> SqlStore::ListFundRequests(const FundRequestFilter& f, const PageRequest& page) {
  WhereClause w;
  Equal(&w, "status", f.status);
  Equal(&w, "area_id", f.area_id);
  Equal(&w, "organization_id", f.organization_id);
  InAreas(&w, db_->dialect(), f.areas);
  // Search, submission dates (timestamps: the route makes the upper bound the next day,
  // exclusive) and sort, only ever narrowing.
  const ListNarrowing& n = f.narrow;
  AddTextSearch(&w, db_->dialect(), n.text, {"purpose", "requested_by_username", "decision_reason"});
  if (!n.date_from.empty()) w.Add("submitted_at >= ?", n.date_from);
  if (!n.date_to.empty()) w.Add("submitted_at < ?", n.date_to);
  using R = records::FundRequest;
  return ListInOrder<R>(*db_, w, page, n,
                        {{"updated", "updated_at", [](const R& r) { return r.updated_at; }},
                         {"submitted", "submitted_at", [](const R& r) { return r.submitted_at; }},
                         {"amount", "amount_minor", [](const R& r) { return std::to_string(r.amount_minor); }, true}});
}
Result<Page<records::FundLedgerEntry>> SqlStore::ListFundLedger(const FundLedgerFilter& f, const PageRequest& page) {
  WhereClause w;
  Equal(&w, "request_id", f.request_id);
  Equal(&w, "movement_id", f.movement_id);
  Equal(&w, "reverses", f.reverses);
  AnyOf(&w, db_->dialect(), "reverses", f.reverses_any);
  return ListRecords<records::FundLedgerEntry>(*db_, w, page);
}

// Review comments (migration 0024, issue 18).
Result<std::optional<records::ReviewComment>> SqlStore::GetReviewComment(const std::string& id) {
  return GetRecord<records::ReviewComment>(*db_, id);
}
Result<Page<records::ReviewComment>> SqlStore::ListReviewComments(const ReviewCommentFilter& f, const PageRequest& page) {
  WhereClause w;
  Equal(&w, "sra_id", f.sra_id);
  return ListRecords<records::ReviewComment>(*db_, w, page);
}

}  // namespace srm::store::sql
