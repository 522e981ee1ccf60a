// A route that answers one record as JSON, and one of its tables as a file with ?format=csv|xlsx
// (issue 15: a price list's prices, a budget's lines and apportionment, an SLA report), through
// the list-export machinery (api/list_export.h): the same columns table, the same files, jobs and
// access record. The rows are read with the JSON answer's own read rules, so an export never shows
// more than the page does.
#pragma once

#include <functional>
#include <string>

#include "api/list_export.h"

namespace srm::api {

// The rows of the table, as JSON items (the list-export column pointers read into each).
using TableRows = std::function<Result<json>(Ctx& c)>;

// format absent or json: `json_answer`; csv|xlsx: the rows of `kind` as a file (all on one page).
Handler WithTableExport(const ApiDeps* d, std::string kind, Handler json_answer, TableRows rows);

}  // namespace srm::api
