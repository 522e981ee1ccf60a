#include "api/table_export.h"

namespace srm::api {

Handler WithTableExport(const ApiDeps* d, std::string kind, Handler json_answer, TableRows rows) {
  // The whole table is one page: these tables are bounded by their record (a price list's
  // services, a budget's lines, an agreement's events in a period of at most a few years).
  Handler file = ExportableList(d, std::move(kind), [rows](Ctx& c, const store::PageRequest&) -> Result<json> {
    SRM_ASSIGN(items, rows(c));
    const auto total = static_cast<int64_t>(items.size());
    return json{{"items", std::move(items)}, {"next_cursor", nullptr}, {"total", total}};
  });
  return [json_answer = std::move(json_answer), file = std::move(file)](Ctx& c) -> Result<Reply> {
    const std::string format = c.Query("format");
    if (format.empty() || format == "json") return json_answer(c);
    return file(c);
  };
}

}  // namespace srm::api
