// Internal to the SQL stores: how each decision record maps onto its table (migrations/
// 0006_decision_records.sql and later). A table is described once, as the list of its columns,
// each bound to the struct member it holds (nested members by a member path: &R::traveller,
// &Traveller::name -> traveller_name). Writing binds each column's value straight from the
// struct; reading sets each member from its column. The SQL texts (select, insert, update) are
// generated from the same list, so a column is added in one place (and its migration).
// A list member (history, reasons, ...) is a child table (ChildList): one row per element, keyed
// by the parent's id and the element's ordinal, written in the parent's transaction and read back
// in order (a page's children with one query per child table: sql_store_decisions.cpp).
// The codec (domain/records/decision_records_json.h) is not involved: it is the API's.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "domain/records/budget_records.h"
#include "domain/records/catalog_records.h"
#include "domain/records/decision_records.h"
#include "domain/records/fund_records.h"
#include "domain/records/review_comment_records.h"
#include "domain/records/governance_records.h"
#include "store/sql/value.h"

namespace srm::store::sql {

namespace records = domain::records;

// One column of a table of T: how to bind its value from a T, and how to set a T from it.
template <typename T>
struct Column {
  std::string name;
  std::function<Value(const T&)> bind;
  std::function<void(T&, const Row&, int column)> read;
};

// The member at the end of a member-pointer path: At(r, &R::traveller, &Traveller::name).
template <typename O, typename... M>
decltype(auto) At(O& object, M... path) {
  return (object .* ... .* path);
}

// Column factories for the members of T (T is named once: `using C = Cols<R>;`).
template <typename T>
struct Cols {
  // A string; NULL reads as "".
  template <typename... M>
  static Column<T> Text(const char* name, M... path) {
    return {name, [=](const T& r) { return Value(At(r, path...)); },
            [=](T& r, const Row& row, int c) { At(r, path...) = row.Text(c); }};
  }
  // An id of another table's row: "" is NULL (a nullable foreign key).
  template <typename... M>
  static Column<T> Ref(const char* name, M... path) {
    return {name, [=](const T& r) { return NullIfEmpty(At(r, path...)); },
            [=](T& r, const Row& row, int c) { At(r, path...) = row.Text(c); }};
  }
  // An std::optional<std::string>: nullopt is NULL.
  template <typename... M>
  static Column<T> OptText(const char* name, M... path) {
    return {name,
            [=](const T& r) {
              const std::optional<std::string>& v = At(r, path...);
              return v ? Value(*v) : Value(Null{});
            },
            [=](T& r, const Row& row, int c) {
              std::optional<std::string>& v = At(r, path...);
              if (row.IsNull(c)) v.reset();
              else v = row.Text(c);
            }};
  }
  // An integer member (int, int64_t).
  template <typename... M>
  static Column<T> Int(const char* name, M... path) {
    return {name, [=](const T& r) { return Value(static_cast<int64_t>(At(r, path...))); },
            [=](T& r, const Row& row, int c) {
              auto& v = At(r, path...);
              v = static_cast<std::remove_reference_t<decltype(v)>>(row.Int(c));
            }};
  }
  // A bool as INTEGER 0/1.
  template <typename... M>
  static Column<T> Bool(const char* name, M... path) {
    return {name, [=](const T& r) { return Value(static_cast<bool>(At(r, path...))); },
            [=](T& r, const Row& row, int c) { At(r, path...) = row.Int(c) != 0; }};
  }
  // A column of an optional nested struct (T::*member is std::optional<N>): NULL while it is
  // absent; the first non-NULL column read makes it present, starting from `blank`.
  template <typename N>
  static Column<T> InOptional(std::optional<N> T::*member, Column<N> inner, N blank = N{}) {
    return {inner.name,
            [=](const T& r) { return (r.*member) ? inner.bind(*(r.*member)) : Value(Null{}); },
            [=](T& r, const Row& row, int c) {
              if (row.IsNull(c)) return;
              if (!(r.*member)) r.*member = blank;
              inner.read(*(r.*member), row, c);
            }};
  }
};

// A list member of T kept in its own table: (parent_column, ordinal, the element's columns),
// primary key (parent_column, ordinal). The member is a std::vector<E> or an
// std::optional<std::vector<E>> (whose presence the parent keeps in a column of its own).
template <typename T>
struct ChildList {
  std::string table, parent_column;
  std::function<std::vector<Values>(const T&)> rows;           // each element's column values
  std::function<void(T&, const Row&, int first)> append;        // appends the element in columns first..
  std::string select;       // "SELECT parent, <columns> FROM t WHERE parent = ?1 ORDER BY ordinal"
  std::string select_many;  // "SELECT parent, <columns> FROM t WHERE " (+ the parents' list)
  std::string order_many;   // " ORDER BY parent, ordinal"
  std::string insert_head;  // "INSERT INTO t (parent, ordinal, <columns>) VALUES "
  std::string remove;       // "DELETE FROM t WHERE parent = ?1"
  int width = 0;            // 2 + the element's columns
};

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

std::string QuoteColumn(const std::string& name);  // "from", "to", "by" are SQL keywords

// Child lists of T (next to Cols<T>): List("clearance_leg_history", "leg_id", &R::history, {...}).
template <typename T>
struct Lists {
  template <typename L, typename E>
  static ChildList<T> List(const char* table, const char* parent_column, L T::*member,
                           std::vector<Column<E>> columns) {
    ChildList<T> c{table, parent_column, {}, {}, {}, {}, {}, {}, {}, static_cast<int>(columns.size()) + 2};
    c.rows = [member, columns](const T& r) {
      std::vector<Values> out;
      const std::vector<E>* list = nullptr;
      if constexpr (IsOptional<L>::value) list = (r.*member) ? &*(r.*member) : nullptr;
      else list = &(r.*member);
      if (list == nullptr) return out;
      for (const E& element : *list) {
        Values values;
        for (const Column<E>& column : columns) values.push_back(column.bind(element));
        out.push_back(std::move(values));
      }
      return out;
    };
    c.append = [member, columns](T& r, const Row& row, int first) {
      E element{};
      for (size_t i = 0; i < columns.size(); ++i) columns[i].read(element, row, first + static_cast<int>(i));
      if constexpr (IsOptional<L>::value) {
        if (!(r.*member)) (r.*member).emplace();
        (r.*member)->push_back(std::move(element));
      } else {
        (r.*member).push_back(std::move(element));
      }
    };
    const std::string parent = parent_column;
    std::string names;
    for (const Column<E>& column : columns) names += ", " + QuoteColumn(column.name);
    c.select = "SELECT " + parent + names + " FROM " + table + " WHERE " + parent + " = ?1 ORDER BY ordinal";
    c.select_many = "SELECT " + parent + names + " FROM " + table + " WHERE ";
    c.order_many = " ORDER BY " + parent + ", ordinal";
    c.insert_head = "INSERT INTO " + std::string(table) + " (" + parent + ", ordinal" + names + ") VALUES ";
    c.remove = "DELETE FROM " + std::string(table) + " WHERE " + parent + " = ?1";
    return c;
  }
};

// Every table also has created_at, updated_at and revision after these columns, and its first
// column is the primary key `id`.
template <typename T>
struct Table {
  const char* name;
  std::vector<Column<T>> columns;
  std::vector<ChildList<T>> children;
  std::string select;  // "SELECT <columns>, created_at, updated_at, revision FROM t"
  std::string insert;  // ?1..?N columns, then created_at, updated_at, revision
  std::string update;  // the same parameters; WHERE id = ?1 AND revision = ?(N+4)
};

template <typename T>
const Table<T>& TableOf();
// One per record kind, in decision_tables.cpp.
template <>
const Table<records::ClearanceRequest>& TableOf<records::ClearanceRequest>();
template <>
const Table<records::ClearanceLeg>& TableOf<records::ClearanceLeg>();
template <>
const Table<records::EgsRecord>& TableOf<records::EgsRecord>();
template <>
const Table<records::SpecificSraApproval>& TableOf<records::SpecificSraApproval>();
template <>
const Table<records::ActivityDecisionRecord>& TableOf<records::ActivityDecisionRecord>();
template <>
const Table<records::PcAssessment>& TableOf<records::PcAssessment>();
template <>
const Table<records::ComplianceItem>& TableOf<records::ComplianceItem>();
template <>
const Table<records::Notification>& TableOf<records::Notification>();
template <>
const Table<records::RiskAcceptance>& TableOf<records::RiskAcceptance>();
template <>
const Table<records::AvoidanceDecision>& TableOf<records::AvoidanceDecision>();
template <>  // catalog_tables.cpp (migration 0012)
const Table<records::SecurityService>& TableOf<records::SecurityService>();
template <>
const Table<records::PriceList>& TableOf<records::PriceList>();
template <>  // budget_tables.cpp (migration 0013)
const Table<records::Budget>& TableOf<records::Budget>();
template <>  // sla_tables.cpp (migration 0015)
const Table<records::CountryCalendar>& TableOf<records::CountryCalendar>();
template <>
const Table<records::ServiceLevelAgreement>& TableOf<records::ServiceLevelAgreement>();
template <>  // governance_tables.cpp (migrations 0019-0021, issue 16)
const Table<records::GovernanceBody>& TableOf<records::GovernanceBody>();
template <>
const Table<records::GovernanceMeeting>& TableOf<records::GovernanceMeeting>();
template <>
const Table<records::GovernanceDecision>& TableOf<records::GovernanceDecision>();
template <>
const Table<records::ActionPlanItem>& TableOf<records::ActionPlanItem>();
template <>
const Table<records::SecurityPersonnel>& TableOf<records::SecurityPersonnel>();
template <>
const Table<records::SurgeDeployment>& TableOf<records::SurgeDeployment>();
template <>  // fund_tables.cpp (migration 0018, issue 16)
const Table<records::FundAuthority>& TableOf<records::FundAuthority>();
template <>
const Table<records::FundAccount>& TableOf<records::FundAccount>();
template <>
const Table<records::FundContribution>& TableOf<records::FundContribution>();
template <>
const Table<records::FundRequest>& TableOf<records::FundRequest>();
template <>
const Table<records::FundLedgerEntry>& TableOf<records::FundLedgerEntry>();
template <>  // review_comment_tables.cpp (migration 0024, issue 18)
const Table<records::ReviewComment>& TableOf<records::ReviewComment>();

// The values bound by Table::insert / Table::update, without the final revision parameters.
template <typename T>
Values RecordValues(const Table<T>& table, const T& r) {
  Values values;
  values.reserve(table.columns.size() + 4);
  for (const Column<T>& c : table.columns) values.push_back(c.bind(r));
  values.emplace_back(r.created_at);
  values.emplace_back(r.updated_at);
  return values;
}

// The record in the current row of Table::select.
template <typename T>
T ReadRecord(const Table<T>& table, const Row& row) {
  T r;
  const int n = static_cast<int>(table.columns.size());
  for (int i = 0; i < n; ++i) table.columns[i].read(r, row, i);
  r.created_at = row.Text(n);
  r.updated_at = row.Text(n + 1);
  r.revision = row.Int(n + 2);
  return r;
}

// Builds the SQL texts of a table from its columns.
template <typename T>
Table<T> MakeTable(const char* name, std::vector<Column<T>> columns, std::vector<ChildList<T>> children = {}) {
  Table<T> t{name, std::move(columns), std::move(children), {}, {}, {}};
  std::string names, params, sets;
  int p = 0;
  for (const Column<T>& c : t.columns) {
    const std::string q = QuoteColumn(c.name);
    ++p;
    names += q + ", ";
    params += "?" + std::to_string(p) + ", ";
    if (p > 1) sets += q + " = ?" + std::to_string(p) + ", ";
  }
  t.select = "SELECT " + names + "created_at, updated_at, revision FROM " + name;
  const std::string created = "?" + std::to_string(p + 1), updated = "?" + std::to_string(p + 2),
                    revision = "?" + std::to_string(p + 3), expected = "?" + std::to_string(p + 4);
  t.insert = std::string("INSERT INTO ") + name + " (" + names + "created_at, updated_at, revision) VALUES (" + params +
             created + ", " + updated + ", " + revision + ")";
  t.update = std::string("UPDATE ") + name + " SET " + sets + "created_at = " + created + ", updated_at = " + updated +
             ", revision = " + revision + " WHERE id = ?1 AND revision = " + expected;
  return t;
}

}  // namespace srm::store::sql
