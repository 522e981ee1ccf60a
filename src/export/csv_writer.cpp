#include "export/csv_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cinttypes>

namespace srm::exports {

std::string GuardFormula(std::string_view text) {
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' ||
                        text[0] == '\r'))
    return "'" + std::string(text);
  return std::string(text);
}

namespace {
std::string NumberText(double n) {
  if (n == static_cast<double>(static_cast<int64_t>(n)) && n > -9e15 && n < 9e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%" PRId64, static_cast<int64_t>(n));
    return buf;
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", n);
  return buf;
}
}  // namespace

std::string CsvField(const Cell& c) {
  std::string s;
  switch (c.kind) {
    case Cell::Kind::kEmpty: return s;
    case Cell::Kind::kNumber: return NumberText(c.number);
    case Cell::Kind::kText:
    case Cell::Kind::kLevel: s = GuardFormula(c.text); break;
  }
  if (s.find_first_of("\",\r\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char ch : s) {
    if (ch == '"') q += '"';
    q += ch;
  }
  q += '"';
  return q;
}

Result<std::unique_ptr<CsvWriter>> CsvWriter::Create(const std::string& path) {
  // 0600 from the start, never through a symbolic link: the file holds what its reader may see.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  std::FILE* f = fd < 0 ? nullptr : ::fdopen(fd, "wb");
  if (f == nullptr) {
    if (fd >= 0) ::close(fd);
    return Internal("cannot create the export file " + path);
  }
  auto w = std::unique_ptr<CsvWriter>(new CsvWriter(f, path));
  SRM_TRY(w->Write("\xEF\xBB\xBF"));
  return w;
}

CsvWriter::~CsvWriter() {
  if (f_ != nullptr) std::fclose(f_);
}

Status CsvWriter::Write(const std::string& record) {
  if (f_ == nullptr) return Internal("the CSV file is closed");
  if (std::fwrite(record.data(), 1, record.size(), f_) != record.size()) return Internal("cannot write " + path_);
  return {};
}

Status CsvWriter::StartTable(std::string_view, const std::vector<ColumnSpec>& columns) {
  if (started_) return Internal("a CSV file holds one table");
  started_ = true;
  std::vector<Cell> head;
  for (const auto& c : columns) head.push_back(Cell::Text(c.header));
  SRM_TRY(Row(head));
  rows_ = 0;
  return {};
}

Status CsvWriter::Row(const std::vector<Cell>& cells) {
  std::string record;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) record += ',';
    record += CsvField(cells[i]);
  }
  record += "\r\n";
  SRM_TRY(Write(record));
  ++rows_;
  return {};
}

Status CsvWriter::Finish() {
  if (f_ == nullptr) return {};
  const bool ok = std::fclose(f_) == 0;
  f_ = nullptr;
  if (!ok) return Internal("cannot write " + path_);
  return {};
}

}  // namespace srm::exports
