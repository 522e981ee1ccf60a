#include "export/xlsx_writer.h"

#include <fcntl.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <array>
#include <set>

#include "domain/level_colors.h"

namespace srm::exports {

namespace {
constexpr size_t kMaxCellBytes = 32767;      // Excel's limit for one cell's text
constexpr lxw_row_t kMaxRows = 1048576;      // rows in a sheet, the header included

// The text cut to Excel's limit at a UTF-8 character boundary.
std::string CellText(const std::string& s) {
  if (s.size() <= kMaxCellBytes) return s;
  size_t end = kMaxCellBytes;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

Status LxwStatus(lxw_error e, const char* what) {
  if (e == LXW_NO_ERROR) return {};
  return Internal(std::string("xlsx: ") + what + ": " + lxw_strerror(e));
}
}  // namespace

struct XlsxWriter::Impl {
  lxw_workbook* wb = nullptr;
  std::string path;
  std::string tmpdir;
  std::string title, author, comments;  // kept alive until workbook_close reads them
  lxw_doc_properties props{};
  lxw_format* header = nullptr;
  lxw_format* wrap = nullptr;
  std::array<lxw_format*, 6> level{};
  lxw_worksheet* sheet = nullptr;
  lxw_row_t row = 0;          // next row to write in `sheet`
  lxw_col_t columns = 0;
  std::set<std::string> names;  // sheet names used (Excel compares them ignoring case)

  lxw_format* LevelFormat(int index) {
    if (index < 0 || index >= static_cast<int>(level.size())) return wrap;
    if (level[index] == nullptr) {
      const domain::LevelColor c = domain::LevelColorOf(index);
      lxw_format* f = workbook_add_format(wb);
      format_set_pattern(f, LXW_PATTERN_SOLID);
      format_set_bg_color(f, static_cast<lxw_color_t>(c.fill));
      format_set_font_color(f, static_cast<lxw_color_t>(c.text));
      format_set_bold(f);
      level[index] = f;
    }
    return level[index];
  }
};

XlsxWriter::XlsxWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

XlsxWriter::~XlsxWriter() {
  if (impl_ && impl_->wb != nullptr) (void)workbook_close(impl_->wb);  // an abandoned file: the caller removes it
}

std::string XlsxWriter::SheetName(std::string_view name) {
  std::string out;
  for (char ch : name) {
    if (std::string_view("[]:*?/\\").find(ch) != std::string_view::npos) ch = ' ';
    out += ch;
  }
  if (out.size() > 31) {
    size_t end = 31;
    while (end > 0 && (static_cast<unsigned char>(out[end]) & 0xC0) == 0x80) --end;
    out.resize(end);
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\'')) out.pop_back();
  while (!out.empty() && out.front() == '\'') out.erase(0, 1);
  return out.empty() ? "Sheet" : out;
}

Result<std::unique_ptr<XlsxWriter>> XlsxWriter::Create(const std::string& path, const XlsxOptions& options) {
  // Created 0600 here; the library then opens the same file for writing and keeps its mode.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return Internal("cannot create the export file " + path);
  ::close(fd);
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->tmpdir = options.tmpdir;
  lxw_workbook_options o{};
  o.constant_memory = options.constant_memory ? LXW_TRUE : LXW_FALSE;
  o.tmpdir = impl->tmpdir.empty() ? nullptr : impl->tmpdir.data();
  o.use_zip64 = LXW_FALSE;
  impl->wb = workbook_new_opt(path.c_str(), &o);
  if (impl->wb == nullptr) return Internal("xlsx: cannot start the workbook " + path);
  impl->title = options.title;
  impl->author = options.author;
  impl->comments = options.comments;
  impl->props.title = impl->title.data();
  impl->props.author = impl->author.data();
  impl->props.comments = impl->comments.data();
  SRM_TRY(LxwStatus(workbook_set_properties(impl->wb, &impl->props), "properties"));
  impl->header = workbook_add_format(impl->wb);
  format_set_bold(impl->header);
  format_set_pattern(impl->header, LXW_PATTERN_SOLID);
  format_set_bg_color(impl->header, 0xE6E9EE);
  format_set_bottom(impl->header, LXW_BORDER_THIN);
  impl->wrap = workbook_add_format(impl->wb);
  format_set_text_wrap(impl->wrap);
  format_set_align(impl->wrap, LXW_ALIGN_VERTICAL_TOP);
  return std::unique_ptr<XlsxWriter>(new XlsxWriter(std::move(impl)));
}

Status XlsxWriter::CloseSheet() {
  Impl& m = *impl_;
  if (m.sheet == nullptr || m.columns == 0) return {};
  // The filter covers the header and every data row written.
  SRM_TRY(LxwStatus(worksheet_autofilter(m.sheet, 0, 0, m.row > 0 ? m.row - 1 : 0, m.columns - 1), "autofilter"));
  m.sheet = nullptr;
  return {};
}

Status XlsxWriter::StartTable(std::string_view name, const std::vector<ColumnSpec>& columns) {
  Impl& m = *impl_;
  if (m.wb == nullptr) return Internal("xlsx: the workbook is closed");
  SRM_TRY(CloseSheet());
  std::string sheet_name = SheetName(name);
  // Excel refuses two sheets of one name (compared without case): number the later ones.
  auto lower = [](std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  for (int n = 2; m.names.count(lower(sheet_name)); ++n)
    sheet_name = SheetName(std::string(name.substr(0, 26)) + " (" + std::to_string(n) + ")");
  m.names.insert(lower(sheet_name));
  m.sheet = workbook_add_worksheet(m.wb, sheet_name.c_str());
  if (m.sheet == nullptr) return Internal("xlsx: cannot add the sheet " + sheet_name);
  m.columns = static_cast<lxw_col_t>(columns.size());
  m.row = 0;
  for (lxw_col_t c = 0; c < m.columns; ++c) {
    SRM_TRY(LxwStatus(worksheet_set_column(m.sheet, c, c, columns[c].width, m.wrap), "column width"));
    SRM_TRY(LxwStatus(worksheet_write_string(m.sheet, 0, c, CellText(columns[c].header).c_str(), m.header), "header"));
  }
  worksheet_freeze_panes(m.sheet, 1, 0);
  m.row = 1;
  return {};
}

Status XlsxWriter::Row(const std::vector<Cell>& cells) {
  Impl& m = *impl_;
  if (m.sheet == nullptr) return Internal("xlsx: a row before its table");
  if (m.row >= kMaxRows) return Fail(ErrorKind::kTooLarge, "too_many_rows", "an Excel sheet holds at most 1,048,575 rows; export as CSV");
  for (size_t i = 0; i < cells.size(); ++i) {
    const Cell& c = cells[i];
    const auto col = static_cast<lxw_col_t>(i);
    lxw_error e = LXW_NO_ERROR;
    switch (c.kind) {
      case Cell::Kind::kEmpty: break;
      case Cell::Kind::kText: e = worksheet_write_string(m.sheet, m.row, col, CellText(c.text).c_str(), m.wrap); break;
      case Cell::Kind::kNumber: e = worksheet_write_number(m.sheet, m.row, col, c.number, nullptr); break;
      case Cell::Kind::kLevel:
        e = worksheet_write_string(m.sheet, m.row, col, CellText(c.text).c_str(), m.LevelFormat(c.level));
        break;
    }
    SRM_TRY(LxwStatus(e, "cell"));
  }
  ++m.row;
  ++rows_;
  return {};
}

Status XlsxWriter::Finish() {
  Impl& m = *impl_;
  if (m.wb == nullptr) return {};
  SRM_TRY(CloseSheet());
  lxw_workbook* wb = m.wb;
  m.wb = nullptr;
  return LxwStatus(workbook_close(wb), "close");
}

}  // namespace srm::exports
