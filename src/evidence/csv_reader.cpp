#include "evidence/csv_reader.h"

#include <algorithm>

namespace srm::evidence {

bool ValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) { ++p; continue; }
    int n;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { n = 1; cp = c & 0x1F; if (c < 0xC2) return false; }
    else if ((c & 0xF0) == 0xE0) { n = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 3; cp = c & 0x07; if (c > 0xF4) return false; }
    else return false;
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    p += n + 1;
  }
  return true;
}

std::string Utf8Prefix(std::string_view s, size_t n, bool one_line) {
  std::string out;
  out.reserve(std::min(n, s.size()));
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x80) {  // a run of printable ASCII: copied as it is, in one go
      size_t j = i + 1;
      while (j < s.size() && static_cast<unsigned char>(s[j]) >= 0x20 && static_cast<unsigned char>(s[j]) < 0x80) ++j;
      const size_t take = std::min(j - i, n - out.size());
      out.append(s.data() + i, take);
      if (take < j - i) break;
      i = j;
      continue;
    }
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > s.size() || !ValidUtf8(s.substr(i, len))) {
      if (out.size() + 1 > n) break;
      out.push_back('?');
      ++i;
      continue;
    }
    if (out.size() + len > n) break;
    if (len == 1 && c < 0x20 && c != '\t' && (one_line || (c != '\n' && c != '\r'))) out.push_back(' ');  // keep reports on one line
    else out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

CsvReader::CsvReader(ReadFn read, CsvOptions opts) : read_(std::move(read)), o_(opts) {
  buf_.resize(std::max<size_t>(o_.buffer_bytes, 4096));
  rec_.reserve(4096);
}

bool CsvReader::Fill() {
  if (eof_) return false;
  const long long n = read_(buf_.data(), buf_.size());
  if (n < 0) {
    read_error_ = true;
    eof_ = true;
    return false;
  }
  if (n == 0) {
    eof_ = true;
    return false;
  }
  pos_ = 0;
  len_ = static_cast<size_t>(n);
  bytes_read_ += static_cast<uint64_t>(n);
  return true;
}

void CsvReader::Fail(std::string why) {
  if (bad_) return;  // the first reason is the one reported
  bad_ = true;
  error_ = std::move(why);
}

std::string CsvReader::Excerpt() const {
  std::string joined;
  size_t start = 0;
  for (size_t i = 0; i < ends_.size() && joined.size() < 512; ++i) {
    if (i > 0) joined.push_back(',');
    joined.append(rec_, start, std::min(ends_[i] - start, size_t{600}));
    start = ends_[i];
  }
  if (ends_.empty() || start < rec_.size()) {
    if (!ends_.empty()) joined.push_back(',');
    joined.append(rec_, start, std::min(rec_.size() - start, size_t{600}));
  }
  return Utf8Prefix(joined, 512);
}

bool CsvReader::CheckRecord() {
  // Fast path: pure ASCII without control bytes other than tab/CR/LF is valid.
  bool high = false;
  for (char ch : rec_) high |= (static_cast<unsigned char>(ch) >= 0x80);
  size_t start = 0;
  for (size_t i = 0; i < ends_.size(); ++i) {
    std::string_view f(rec_.data() + start, ends_[i] - start);
    if (high && !ValidUtf8(f)) {
      Fail("line " + std::to_string(record_line_) + ": field " + std::to_string(i + 1) +
           " is not valid UTF-8 (binary data or another encoding)");
      return false;
    }
    start = ends_[i];
  }
  return true;
}

CsvReader::Next CsvReader::Read() {
  fields_.clear();
  rec_.clear();
  ends_.clear();
  error_.clear();
  bad_ = false;
  if (!started_) {
    started_ = true;
    if (!Fill()) return read_error_ ? (error_ = "the input could not be read", Next::kReadError) : Next::kEnd;
    if (len_ >= 3 && static_cast<unsigned char>(buf_[0]) == 0xEF && static_cast<unsigned char>(buf_[1]) == 0xBB &&
        static_cast<unsigned char>(buf_[2]) == 0xBF)
      pos_ = 3;
  }
  // Skip blank lines (and the LF of a CRLF that ended the previous record).
  for (;;) {
    if (pos_ == len_ && !Fill()) {
      if (read_error_) {
        error_ = "the input could not be read after line " + std::to_string(line_);
        return Next::kReadError;
      }
      return Next::kEnd;
    }
    const char c = buf_[pos_];
    if (c == '\n') {
      ++pos_;
      if (!after_cr_) ++line_;
      after_cr_ = false;
      continue;
    }
    after_cr_ = false;
    if (c == '\r') {
      ++pos_;
      ++line_;
      after_cr_ = true;
      continue;
    }
    break;
  }
  record_line_ = line_;
  enum { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted } st = kFieldStart;
  size_t field_start = 0;
  int64_t quote_line = 0;
  const char delim = o_.delimiter;
  auto append = [&](char c) {
    if (bad_) return;
    if (c == '\0') {
      Fail("line " + std::to_string(record_line_) + ": field " + std::to_string(ends_.size() + 1) +
           " holds binary data (a NUL byte)");
      return;
    }
    if (rec_.size() - field_start >= o_.max_field_bytes) {
      Fail("line " + std::to_string(record_line_) + ": field " + std::to_string(ends_.size() + 1) +
           " is longer than " + std::to_string(o_.max_field_bytes) + " bytes");
      return;
    }
    if (rec_.size() >= o_.max_record_bytes) {
      Fail("line " + std::to_string(record_line_) + ": record is longer than " + std::to_string(o_.max_record_bytes) +
           " bytes");
      return;
    }
    rec_.push_back(c);
  };
  auto end_field = [&] {
    if (ends_.size() >= o_.max_fields) {
      Fail("line " + std::to_string(record_line_) + ": more than " + std::to_string(o_.max_fields) + " fields");
    } else if (!bad_ || ends_.size() < 64) {
      ends_.push_back(rec_.size());
    }
    field_start = rec_.size();
  };
  for (;;) {
    if (pos_ == len_ && !Fill()) {
      if (read_error_) {
        error_ = "the input could not be read after line " + std::to_string(line_);
        return Next::kReadError;
      }
      if (st == kQuoted)
        Fail("line " + std::to_string(record_line_) + ": quoted field opened at line " + std::to_string(quote_line) +
             " is never closed (truncated file?)");
      end_field();
      break;
    }
    if (st == kQuoted || st == kUnquoted) {
      // Fast path: the run of ordinary bytes up to the next one that matters (quote, delimiter,
      // line end, NUL) is appended in one go when it fits the limits; otherwise byte by byte below.
      const char* b = buf_.data() + pos_;
      const char* e = buf_.data() + len_;
      const char* k = b;
      if (st == kQuoted) {
        while (k < e && *k != '"' && *k != '\n' && *k != '\0') ++k;
      } else {
        while (k < e && *k != delim && *k != '\n' && *k != '\r' && *k != '\0') ++k;
      }
      const size_t run = static_cast<size_t>(k - b);
      if (run > 0) {
        if (bad_) {  // nothing more is kept of a refused record
          pos_ += run;
          continue;
        }
        const size_t field_room = o_.max_field_bytes - (rec_.size() - field_start);
        const size_t record_room = o_.max_record_bytes - rec_.size();
        if (run <= field_room && run <= record_room) {
          rec_.append(b, run);
          pos_ += run;
          continue;
        }
      }
    }
    const char c = buf_[pos_++];
    if (st == kQuoted) {
      if (c == '"') {
        st = kQuoteInQuoted;
      } else {
        if (c == '\n') ++line_;
        append(c);
      }
      continue;
    }
    if (st == kQuoteInQuoted) {
      if (c == '"') {
        append('"');
        st = kQuoted;
        continue;
      }
      st = kUnquoted;  // lenient: "abc"def reads as abcdef
    } else if (st == kFieldStart) {
      if (c == '"') {
        st = kQuoted;
        quote_line = line_;
        continue;
      }
      st = kUnquoted;
    }
    // Unquoted.
    if (c == delim) {
      end_field();
      st = kFieldStart;
    } else if (c == '\n') {
      ++line_;
      end_field();
      break;
    } else if (c == '\r') {
      ++line_;
      after_cr_ = true;
      end_field();
      break;
    } else {
      append(c);
    }
  }
  if (!bad_ && !CheckRecord()) return Next::kBadRecord;
  if (bad_) return Next::kBadRecord;
  fields_.reserve(ends_.size());
  size_t start = 0;
  for (size_t e : ends_) {
    fields_.emplace_back(rec_.data() + start, e - start);
    start = e;
  }
  return Next::kRecord;
}

}  // namespace srm::evidence
