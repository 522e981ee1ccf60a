// A streaming RFC 4180 CSV reader with bounded memory: quoted fields with commas, doubled quotes
// and line breaks; a UTF-8 byte order mark; CRLF, LF or CR line ends. Memory is one read buffer
// plus the current record, capped by max_record_bytes: a longer field or record is refused with
// its line number and skipped up to the end of its record, and reading goes on. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace srm::evidence {

struct CsvOptions {
  size_t max_field_bytes = 1 << 20;   // 1 MiB
  size_t max_record_bytes = 4 << 20;  // 4 MiB
  size_t max_fields = 4096;
  size_t buffer_bytes = 1 << 20;      // bytes asked of the source per read
  char delimiter = ',';
};

class CsvReader {
 public:
  // Fills buf with up to cap bytes; returns how many (0 at the end of the input), or -1 on a read
  // error.
  using ReadFn = std::function<long long(char* buf, size_t cap)>;

  enum class Next {
    kRecord,     // fields() holds the record
    kBadRecord,  // error() says why; the reader has moved past the record
    kEnd,        // no more input
    kReadError,  // the source failed; error() says so
  };

  explicit CsvReader(ReadFn read, CsvOptions opts = {});

  Next Read();
  // The fields of the record just read; views stay valid until the next Read().
  const std::vector<std::string_view>& fields() const { return fields_; }
  // Physical line (1-based) where the record just read starts.
  int64_t line() const { return record_line_; }
  const std::string& error() const { return error_; }
  // The start of the record just read or refused, for reports (at most 512 bytes, valid UTF-8).
  std::string Excerpt() const;
  // Bytes consumed from the source so far.
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  bool Fill();
  void Fail(std::string why);
  bool CheckRecord();

  ReadFn read_;
  CsvOptions o_;
  std::vector<char> buf_;
  size_t pos_ = 0, len_ = 0;
  bool eof_ = false, read_error_ = false, started_ = false;
  uint64_t bytes_read_ = 0;
  int64_t line_ = 1, record_line_ = 1;
  std::string rec_;                 // unescaped bytes of the current record's fields
  std::vector<size_t> ends_;        // end offset in rec_ of each field
  std::vector<std::string_view> fields_;
  std::string error_;
  bool bad_ = false;
  bool after_cr_ = false;  // the last byte consumed was a CR that ended a line
};

// True when s is valid UTF-8 (no overlong forms, no surrogates).
bool ValidUtf8(std::string_view s);
// s cut to at most n bytes without splitting a UTF-8 sequence; invalid bytes become '?'. With
// one_line, control characters (line breaks included) become spaces.
std::string Utf8Prefix(std::string_view s, size_t n, bool one_line = true);

}  // namespace srm::evidence
