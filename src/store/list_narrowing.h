// What a reader narrows a list to (search, filters, sort), shared by the store's list filters.
#pragma once

#include <string>
#include <vector>

namespace srm::store {

// What a reader narrows a list to beyond the scope their grants give (issue 18): values bound,
// never inlined; a narrowing can only remove rows from what the scope lets through.
struct ListNarrowing {
  std::string text;                 // contained in the list's text columns, ASCII letters case-folded
  std::string date_from, date_to;   // YYYY-MM-DD, inclusive, on the list's date column ("" = open)
  std::string sort;                 // a sort key of the list; "" = the newest change first
  bool descending = false;
  // The pack's risk level names, lowest first: the rank a "risk" sort orders by.
  std::vector<std::string> risk_levels;
};

}  // namespace srm::store
