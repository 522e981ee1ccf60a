// A list file (?format=csv|xlsx) as rows of text, read back with the independent readers of
// tests/export (Python's csv module, zipfile + xml.etree), for the tests that check what a file
// says cell by cell (issue 18: names in the exports).
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <string>

#include "export/reader_support.h"
#include "test_server.h"

namespace srm::testing {

// The file's rows, the headings first (one sheet for xlsx); [] when the answer is no file.
inline json ExportRows(const TestServer& server, const HttpResult& file, const std::string& format) {
  static std::atomic<int> n{0};
  if (file.status != 200) {
    ADD_FAILURE() << "no file: " << file.status << " " << file.raw.substr(0, 300);
    return json::array();
  }
  const std::string path = (server.dir() / ("rows-" + std::to_string(n++) + "." + format)).string();
  std::ofstream(path, std::ios::binary) << file.raw;
  if (format == "csv") return ReadCsv(path)["records"];
  const json book = ReadXlsx(path);
  if (book["sheets"].size() != 1) {
    ADD_FAILURE() << "a list file has one sheet: " << book.dump().substr(0, 300);
    return json::array();
  }
  return book["sheets"][0]["rows"];
}

// The column under this heading (first row); fails the test when there is none.
inline size_t ExportColumn(const json& rows, const std::string& heading) {
  if (!rows.empty())
    for (size_t i = 0; i < rows[0].size(); ++i)
      if (rows[0][i] == heading) return i;
  ADD_FAILURE() << "no column " << heading << " in " << (rows.empty() ? std::string("[]") : rows[0].dump());
  return 0;
}

// A cell as text: "" past the row's end (a sheet leaves trailing empty cells out).
inline std::string ExportCell(const json& row, size_t column) {
  if (column >= row.size() || !row[column].is_string()) return "";
  return row[column].get<std::string>();
}

// The row whose first cell (the record's own id) is `id`; null when the file has none.
inline json ExportRow(const json& rows, const std::string& id) {
  for (size_t i = 1; i < rows.size(); ++i)
    if (ExportCell(rows[i], 0) == id) return rows[i];
  return nullptr;
}

}  // namespace srm::testing
