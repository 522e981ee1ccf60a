// Internal to the SQL stores: how each decision record maps onto its table
// (migrations/*/0006_decision_records.sql). A table is described once as a list of columns, each
// naming the field it holds by its place in the record's codec JSON (domain/records/
// decision_records_json.h: "/traveller/name" -> traveller_name) or, for the "(row)" fields the
// codec does not carry, by the struct member. Writing encodes the record with its codec and binds
// one value per column; reading rebuilds that JSON from the columns and decodes it, so the codec
// stays the one place that knows each record's fields, and a NULL column is an absent key.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/records/decision_records.h"
#include "domain/records/decision_records_json.h"
#include "store/sql/value.h"

namespace srm::store::sql {

namespace records = domain::records;

enum ColumnKind {
  kText,  // a string
  kRef,   // an id of another table's row: NULL when "" (a nullable foreign key)
  kInt,
  kBool,  // INTEGER 0/1
  kJson,  // a list kept as JSON text
};

template <typename T>
struct Column {
  const char* name;
  ColumnKind kind;
  const char* pointer;               // JSON pointer into the codec's JSON; "" for `member`
  std::string T::*member = nullptr;  // a (row) field outside the codec's JSON
};

// Every table also has created_at, updated_at and revision after these columns, and its first
// column is the primary key `id`.
template <typename T>
struct Table {
  const char* name;
  std::vector<Column<T>> columns;
  std::string select;  // "SELECT <columns, their NULL flags, created_at, updated_at, revision> FROM t"
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

// Builds the SQL texts of a table from its columns.
template <typename T>
Table<T> MakeTable(const char* name, std::vector<Column<T>> columns);

std::string QuoteColumn(const char* name);  // "from" and "to" are SQL keywords

// The values bound by Table::insert / Table::update, without the final revision parameters.
template <typename T>
Values RecordValues(const Table<T>& table, const T& r) {
  using nlohmann::json;
  const json j = records::ToJson(r);
  Values values;
  values.reserve(table.columns.size() + 3);
  for (const Column<T>& c : table.columns) {
    if (c.member) {
      const std::string& s = r.*c.member;
      values.push_back(c.kind == kRef ? NullIfEmpty(s) : Value(s));
      continue;
    }
    const json::json_pointer pointer(c.pointer);
    if (!j.contains(pointer) || j.at(pointer).is_null()) {
      values.emplace_back(Null{});
      continue;
    }
    const json& v = j.at(pointer);
    switch (c.kind) {
      case kText: values.emplace_back(v.is_string() ? v.get<std::string>() : v.dump()); break;
      case kRef: values.push_back(NullIfEmpty(v.is_string() ? v.get<std::string>() : v.dump())); break;
      case kInt: values.emplace_back(v.is_number_integer() ? v.get<int64_t>() : int64_t{0}); break;
      case kBool: values.emplace_back(v.is_boolean() && v.get<bool>()); break;
      case kJson: values.emplace_back(v.dump()); break;
    }
  }
  values.emplace_back(r.created_at);
  values.emplace_back(r.updated_at);
  return values;
}

// The record in the current row of Table::select.
template <typename T>
T ReadRecord(const Table<T>& table, const Row& row) {
  using nlohmann::json;
  json j = json::object();
  const int n = static_cast<int>(table.columns.size());
  for (int i = 0; i < n; ++i) {
    const Column<T>& c = table.columns[i];
    if (c.member || row.Int(2 * i + 1) != 0) continue;  // NULL: the key stays absent
    json& slot = j[json::json_pointer(c.pointer)];
    switch (c.kind) {
      case kText:
      case kRef: slot = row.Text(2 * i); break;
      case kInt: slot = row.Int(2 * i); break;
      case kBool: slot = row.Int(2 * i) != 0; break;
      case kJson: {
        json list = json::parse(row.Text(2 * i), nullptr, false);
        slot = list.is_discarded() ? json::array() : std::move(list);
        break;
      }
    }
  }
  T r = records::FromJson<T>(j);
  for (int i = 0; i < n; ++i)
    if (table.columns[i].member) r.*table.columns[i].member = row.Text(2 * i);
  r.id = row.Text(0);
  r.created_at = row.Text(2 * n);
  r.updated_at = row.Text(2 * n + 1);
  r.revision = row.Int(2 * n + 2);
  return r;
}

template <typename T>
Table<T> MakeTable(const char* name, std::vector<Column<T>> columns) {
  Table<T> t{name, std::move(columns), {}, {}, {}};
  std::string select = "SELECT ", names, params, sets;
  int p = 0;
  for (const Column<T>& c : t.columns) {
    const std::string q = QuoteColumn(c.name);
    select += q + ", CASE WHEN " + q + " IS NULL THEN 1 ELSE 0 END, ";
    ++p;
    names += q + ", ";
    params += "?" + std::to_string(p) + ", ";
    if (p > 1) sets += q + " = ?" + std::to_string(p) + ", ";
  }
  t.select = select + "created_at, updated_at, revision FROM " + name;
  const std::string created = "?" + std::to_string(p + 1), updated = "?" + std::to_string(p + 2),
                    revision = "?" + std::to_string(p + 3), expected = "?" + std::to_string(p + 4);
  t.insert = std::string("INSERT INTO ") + name + " (" + names + "created_at, updated_at, revision) VALUES (" + params +
             created + ", " + updated + ", " + revision + ")";
  t.update = std::string("UPDATE ") + name + " SET " + sets + "created_at = " + created + ", updated_at = " + updated +
             ", revision = " + revision + " WHERE id = ?1 AND revision = " + expected;
  return t;
}

}  // namespace srm::store::sql
