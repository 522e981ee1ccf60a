// A table written row by row to a file (CSV or an Excel sheet): the one shape every export takes,
// so the SRA register, the country register and the list exports share their writers. A sink
// never holds more than the row it is given (the Excel writer's constant-memory mode spills rows
// to its temporary file), so a list of any length is written page by page.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace srm::exports {

struct Cell {
  enum class Kind { kEmpty, kText, kNumber, kLevel };
  Kind kind = Kind::kEmpty;
  std::string text;   // kText; kLevel: the level's name as written (the colour alone says nothing to a screen reader or a printout)
  double number = 0;  // kNumber
  int level = -1;     // kLevel: the pack's risk-level index (0 = lowest), painted with domain::LevelColorOf

  static Cell Empty() { return {}; }
  static Cell Text(std::string s) { return {Kind::kText, std::move(s), 0, -1}; }
  static Cell Number(double n) { return {Kind::kNumber, {}, n, -1}; }
  // A level index < 0 (not rated): written as empty text, uncoloured.
  static Cell Level(int index, std::string name) {
    return index < 0 ? Cell{} : Cell{Kind::kLevel, std::move(name), 0, index};
  }
};

struct ColumnSpec {
  std::string header;
  double width = 16;  // Excel character widths; CSV ignores it
};

class TableSink {
 public:
  virtual ~TableSink() = default;
  // Starts a table (an Excel sheet named `name`; CSV has one table and ignores the name) and
  // writes its header row.
  virtual Status StartTable(std::string_view name, const std::vector<ColumnSpec>& columns) = 0;
  virtual Status Row(const std::vector<Cell>& cells) = 0;
  // Completes the file; nothing may be written after.
  virtual Status Finish() = 0;
  // Data rows written so far, all tables together.
  virtual int64_t rows() const = 0;
};

}  // namespace srm::exports
