// Lists as files: every list route built with ExportableList answers ?format=csv|xlsx with the
// WHOLE filtered list (the same filters, the same read rules as its JSON pages), written page by
// page into a file — at once up to export_job_threshold_rows rows, else by a background job
// (202 with the job; GET /api/v1/exports/{id} for its progress, .../file for the file).
//
// Adding a table to the exports (budgets, SLAs, the fund, ...):
//   1. its columns: one line in kListExports (list_export.cpp): the heading (the API's field name),
//      a JSON pointer into one item of the list's JSON, and how the value is written. Plain
//      language (issue 18): a column shows names, not ids — each page is named as the JSON answer
//      is (api/reference_names.h: display_name, sra_title, measure_description, country_name,
//      <key>_name) plus area_name, organization_name, body_name, meeting_title / meeting_held_on
//      and personnel_name beside their ids (api/export_names.h), so point at those; keep an id
//      column only for cross-reference (the record's own id, an audit's sra_id, a person's id);
//   2. its list route: `add("GET", path, Auth::kRequired, ExportableList(d, "<kind>", fetch))`, where
//      fetch(ctx, page) returns the JSON page the route answered before ({"items", "next_cursor", "total"});
//   3. in openapi.json, the route's `format` parameter and its text/csv, xlsx and 202 answers
//      (copy them from GET /api/v1/clearances).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "api/routes.h"
#include "documents/labels.h"
#include "service/exports.h"

namespace srm::api {

enum class ColumnType {
  kText,    // a string (a number or true/false is written as text too)
  kNumber,  // a number cell
  kLevel,   // a risk level name of the pack, coloured as in the UI
  kList,    // an array, its items joined with "; "
};

struct ExportColumn {
  const char* header;   // the API's field name: the heading in English (stable for scripts), translated
                        // for French and Arabic readers by exports::ColumnHeading (export/column_words.cpp)
  const char* pointer;  // JSON pointer into one item, e.g. "/traveller/name"
  ColumnType type = ColumnType::kText;
  // Read when `pointer` gives nothing or "": a person's username where the server has no display
  // name for them ("system", a removed user), as the UI shows them.
  const char* fallback = nullptr;
};

// The language of an export: ?lang=en|fr|ar (the UI sends its own; 400 naming `lang` otherwise),
// else the first supported language of Accept-Language, else English.
Result<documents::Language> RequestLanguage(const Ctx& c);

// The columns of an exportable list; nullptr when the kind has none.
const std::vector<ExportColumn>* ExportColumnsFor(std::string_view kind);
// Every kind that has columns (for the tests that check each has its headings translated).
std::vector<std::string_view> ExportKinds();

// One JSON page of the list, as the route answers it: {"items": [...], "next_cursor": ..., "total": n}.
using PageFetch = std::function<Result<json>(Ctx& c, const store::PageRequest& page)>;

// A list route's handler: JSON pages as before, or with ?format=csv|xlsx the whole list as a file
// (format=json or none: the page). `kind` names the columns and the file.
Handler ExportableList(const ApiDeps* d, std::string kind, PageFetch fetch);

// An export job as GET /api/v1/exports/{id} answers it.
json ExportJobJson(const service::ExportJob& j);

// A reply that sends the file (and removes it after): Content-Disposition attachment with the name.
Reply FileReply(const std::string& path, const std::string& file_name, const std::string& content_type);

}  // namespace srm::api
