// CSV for spreadsheets (RFC 4180): fields quoted when they hold a quote, a comma, CR or LF, quotes
// doubled, CRLF between records, UTF-8 with a byte-order mark so Excel reads Arabic and accents
// right. Formula-injection guard (OWASP "CSV injection"): a text field that starts with = + - @,
// a tab or a CR would be run as a formula by Excel or LibreOffice, so it is written with a leading
// apostrophe (' then the text). Numbers are written as numbers and never guarded.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "export/table.h"

namespace srm::exports {

// One field as written: guarded (text only) and quoted when needed.
std::string CsvField(const Cell& c);
// The text with the formula guard applied.
std::string GuardFormula(std::string_view text);

class CsvWriter final : public TableSink {
 public:
  // Creates (truncates) the file; the byte-order mark is written at once.
  static Result<std::unique_ptr<CsvWriter>> Create(const std::string& path);
  ~CsvWriter() override;
  Status StartTable(std::string_view name, const std::vector<ColumnSpec>& columns) override;
  Status Row(const std::vector<Cell>& cells) override;
  Status Finish() override;
  int64_t rows() const override { return rows_; }

 private:
  explicit CsvWriter(std::FILE* f, std::string path) : f_(f), path_(std::move(path)) {}
  Status Write(const std::string& record);
  std::FILE* f_;
  std::string path_;
  int64_t rows_ = 0;
  bool started_ = false;
};

}  // namespace srm::exports
