// Names of the records an answer points at (issue 18, plain language): one query per kind for a
// whole page, the ids bound as one list parameter (Dialect::InList), never one query per row.
#include <algorithm>

#include "store/sql/query.h"
#include "store/sql/sql_store.h"

namespace srm::store::sql {
namespace {

// Distinct, non-empty ids: the list parameter stays as short as the page's references.
std::vector<std::string> Distinct(const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const auto& id : ids)
    if (!id.empty()) out.push_back(id);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// key -> display_name of the users whose `key_column` (id or username, both unique) is listed.
Result<std::map<std::string, std::string>> DisplayNamesBy(Database& db, const char* key_column,
                                                          const std::vector<std::string>& keys) {
  std::map<std::string, std::string> out;
  const auto wanted = Distinct(keys);
  if (wanted.empty()) return out;
  using Pair = std::pair<std::string, std::string>;
  SRM_ASSIGN(rows, ReadAll<Pair>(db,
                                 std::string("SELECT ") + key_column + ", display_name FROM users WHERE " +
                                     db.dialect().InList(key_column),
                                 Args(TextList{wanted}), [](const Row& r) { return Pair{r.Text(0), r.Text(1)}; }));
  for (auto& [key, name] : rows) out.emplace(std::move(key), std::move(name));
  return out;
}

}  // namespace

Result<std::map<std::string, std::string>> SqlStore::UserDisplayNames(const std::vector<std::string>& ids) {
  return DisplayNamesBy(*db_, "id", ids);
}

Result<std::map<std::string, std::string>> SqlStore::UserDisplayNamesByUsername(const std::vector<std::string>& usernames) {
  return DisplayNamesBy(*db_, "username", usernames);
}

Result<std::vector<SraRow>> SqlStore::SraHeads(const std::vector<std::string>& ids, bool with_doc) {
  const auto wanted = Distinct(ids);
  if (wanted.empty()) return std::vector<SraRow>{};
  return ReadAll<SraRow>(*db_,
                         std::string("SELECT id, kind, title, area_id, country_id, organization_id, status, ") +
                             (with_doc ? "doc" : "''") + ", version FROM sras WHERE " + db_->dialect().InList("id"),
                         Args(TextList{wanted}), [](const Row& r) {
                           SraRow s;
                           s.id = r.Text(0);
                           s.kind = r.Text(1);
                           s.title = r.Text(2);
                           s.area_id = r.Text(3);
                           s.country_id = r.Text(4);
                           s.organization_id = r.Text(5);
                           s.status = r.Text(6);
                           s.doc = r.Text(7);
                           s.version = static_cast<int>(r.Int(8));
                           return s;
                         });
}

Result<std::vector<Store::EgsHead>> SqlStore::EgsHeads(const std::vector<std::string>& ids) {
  const auto wanted = Distinct(ids);
  if (wanted.empty()) return std::vector<EgsHead>{};
  return ReadAll<EgsHead>(*db_,
                          "SELECT id, COALESCE(area_id, ''), COALESCE(country_id, ''), area_name, \"from\", \"to\" "
                          "FROM egs_decisions WHERE " + db_->dialect().InList("id"),
                          Args(TextList{wanted}), [](const Row& r) {
                            return EgsHead{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
                          });
}

Result<std::vector<Store::MeasureHead>> SqlStore::SraMeasureHeads(const std::vector<std::string>& sra_ids) {
  const auto wanted = Distinct(sra_ids);
  if (wanted.empty()) return std::vector<MeasureHead>{};
  // The engine walks the document: only (sra id, measure id, description) cross over.
  const bool sqlite = db_->dialect().name == "sqlite";
  const std::string sql =
      sqlite ? "SELECT s.id, json_extract(m.value, '$.id'), COALESCE(json_extract(m.value, '$.description'), '') "
               "FROM sras s, json_each(s.doc, '$.scenarios') sc, json_each(sc.value, '$.measures') m "
               "WHERE m.type = 'object' AND json_type(m.value, '$.id') = 'text' AND " +
                   db_->dialect().InList("s.id")
             : "SELECT s.id, m.value->>'id', COALESCE(m.value->>'description', '') FROM sras s "
               "CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(s.doc::jsonb->'scenarios') = 'array' "
               "THEN s.doc::jsonb->'scenarios' ELSE '[]'::jsonb END) sc(value) "
               "CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(sc.value->'measures') = 'array' "
               "THEN sc.value->'measures' ELSE '[]'::jsonb END) m(value) "
               "WHERE jsonb_typeof(m.value->'id') = 'string' AND " +
                   db_->dialect().InList("s.id");
  return ReadAll<MeasureHead>(*db_, sql, Args(TextList{wanted}),
                              [](const Row& r) { return MeasureHead{r.Text(0), r.Text(1), r.Text(2)}; });
}

Result<std::map<std::string, std::string>> SqlStore::CountryNames(const std::vector<std::string>& ids) {
  std::map<std::string, std::string> out;
  const auto wanted = Distinct(ids);
  if (wanted.empty()) return out;
  using Pair = std::pair<std::string, std::string>;
  SRM_ASSIGN(rows, ReadAll<Pair>(*db_, "SELECT id, name FROM countries WHERE " + db_->dialect().InList("id"),
                                 Args(TextList{wanted}), [](const Row& r) { return Pair{r.Text(0), r.Text(1)}; }));
  for (auto& [id, name] : rows) out.emplace(std::move(id), std::move(name));
  return out;
}

}  // namespace srm::store::sql
