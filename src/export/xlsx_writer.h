// Excel workbooks through libxlsxwriter (Debian libxlsxwriter-dev): each table a sheet with a bold
// header row that stays in view (frozen pane), an autofilter over its columns, the column widths
// given, and level cells painted in the level's colour (domain/level_colors.h) with the level's
// name written in them. Text is always stored as text (never a formula), so the CSV formula guard
// is not needed here. The library stays inside xlsx_writer.cpp.
#pragma once

#include <memory>
#include <string>

#include "export/table.h"

namespace srm::exports {

struct XlsxOptions {
  // Rows go to a temporary file as they are written (any number of rows in flat memory); strings
  // are then stored inline instead of in the shared-string table. For long lists.
  bool constant_memory = false;
  std::string tmpdir;  // where the library's temporary files go ("" = the system's)
  // Document properties (File > Info): who generated it and what it is.
  std::string title, author, comments;
};

class XlsxWriter final : public TableSink {
 public:
  // The file is created 0600 before the library writes it.
  static Result<std::unique_ptr<XlsxWriter>> Create(const std::string& path, const XlsxOptions& options);
  ~XlsxWriter() override;
  Status StartTable(std::string_view name, const std::vector<ColumnSpec>& columns) override;
  Status Row(const std::vector<Cell>& cells) override;
  Status Finish() override;
  int64_t rows() const override { return rows_; }

  // A sheet name Excel accepts: at most 31 characters, none of []:*?/\ , not empty.
  static std::string SheetName(std::string_view name);

 private:
  struct Impl;
  explicit XlsxWriter(std::unique_ptr<Impl> impl);
  Status CloseSheet();
  std::unique_ptr<Impl> impl_;
  int64_t rows_ = 0;
};

}  // namespace srm::exports
