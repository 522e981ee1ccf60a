// The streaming CSV reader: RFC 4180 quoting, BOM, CRLF, line numbers, and bounded memory.
#include <gtest/gtest.h>

#include "evidence/csv_reader.h"
#include "evidence/support.h"

namespace srm::evidence {
namespace {

using testing::StringSource;

std::vector<std::vector<std::string>> ReadAll(const std::string& text, CsvOptions o = {},
                                              std::vector<std::string>* errors = nullptr,
                                              std::vector<int64_t>* lines = nullptr) {
  CsvReader r(StringSource(text), o);
  std::vector<std::vector<std::string>> out;
  for (;;) {
    auto n = r.Read();
    if (n == CsvReader::Next::kEnd) break;
    if (lines) lines->push_back(r.line());
    if (n == CsvReader::Next::kBadRecord) {
      if (errors) errors->push_back(r.error());
      out.push_back({"<bad>"});
      continue;
    }
    EXPECT_EQ(n, CsvReader::Next::kRecord);
    out.emplace_back(r.fields().begin(), r.fields().end());
  }
  return out;
}

TEST(Csv, QuotedCommasQuotesAndLineBreaks) {
  auto rows = ReadAll("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"line1\nline2\",z\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "x, y", "say \"hi\""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "line1\nline2", "z"}));
}

TEST(Csv, BomAndCrlfAndNoFinalNewline) {
  std::vector<int64_t> lines;
  auto rows = ReadAll("\xEF\xBB\xBFid,name\r\n1,\"a\r\nb\"\r\n2,c", {}, nullptr, &lines);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], "id");  // the BOM is not part of the first name
  EXPECT_EQ(rows[1][1], "a\r\nb");
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "c"}));
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 2, 4}));
}

TEST(Csv, EmptyFieldsAndBlankLines) {
  auto rows = ReadAll("a,,c\n\n,,\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "", "c"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"", "", ""}));
}

TEST(Csv, LineNumbersCountLineBreaksInsideQuotes) {
  std::vector<int64_t> lines;
  ReadAll("h\n\"1\n2\n3\"\nx\n", {}, nullptr, &lines);
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 2, 5}));
}

TEST(Csv, OverlongFieldIsRefusedWithItsLineAndReadingGoesOn) {
  CsvOptions o;
  o.max_field_bytes = 1000;
  o.max_record_bytes = 4000;
  std::string big(10 * 1024 * 1024, 'x');  // a 10 MB field
  std::vector<std::string> errors;
  std::vector<int64_t> lines;
  auto rows = ReadAll("a,b\n1,2\n3,\"" + big + "\"\n4,5\n", o, &errors, &lines);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[2][0], "<bad>");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("line 3"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("field 2 is longer than 1000 bytes"), std::string::npos) << errors[0];
  EXPECT_EQ(rows[3], (std::vector<std::string>{"4", "5"}));
  EXPECT_EQ(lines[3], 4);
}

TEST(Csv, UnterminatedQuoteAtEndIsRefused) {
  std::vector<std::string> errors;
  auto rows = ReadAll("a,b\n1,\"never closed\n", {}, &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("never closed"), std::string::npos) << errors[0];
  EXPECT_NE(errors[0].find("line 2"), std::string::npos) << errors[0];
}

TEST(Csv, BinaryDataAndInvalidUtf8AreRefused) {
  std::vector<std::string> errors;
  auto rows = ReadAll(std::string("a,b\n1,x\0y\n2,\xff\xfe\n3,ok\n", 20), {}, &errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].find("NUL"), std::string::npos) << errors[0];
  EXPECT_NE(errors[1].find("UTF-8"), std::string::npos) << errors[1];
  EXPECT_EQ(rows.back(), (std::vector<std::string>{"3", "ok"}));
}

TEST(Csv, Utf8PassesThrough) {
  auto rows = ReadAll("name\nGédo\n\"Région, Nord\"\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0], "Gédo");
  EXPECT_EQ(rows[2][0], "Région, Nord");
}

TEST(Csv, Utf8PrefixNeverSplitsACharacter) {
  EXPECT_EQ(Utf8Prefix("ééé", 5), "éé");
  EXPECT_EQ(Utf8Prefix("a\xff" "b", 10), "a?b");
  EXPECT_TRUE(ValidUtf8("ok é"));
  EXPECT_FALSE(ValidUtf8("\xc0\xaf"));  // overlong
}

}  // namespace
}  // namespace srm::evidence
