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
                             (with_doc ? "doc" : "''") + " FROM sras WHERE " + db_->dialect().InList("id"),
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

}  // namespace srm::store::sql
