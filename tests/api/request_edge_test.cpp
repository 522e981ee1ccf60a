// The request edge as a function (api/request_edge.h), without a server: every part of a request
// that is not clean UTF-8 text within its limits is refused with the part named, and nothing that
// a legitimate client sends is.
#include "api/request_edge.h"

#include <gtest/gtest.h>

namespace srm::api {
namespace {

std::string CodeOf(const Status& s) { return s ? "" : s.error().code; }
std::string FieldOf(const Status& s) { return s ? "" : s.error().field; }

TEST(RequestEdgeTest, CleanRequestsPass) {
  EXPECT_TRUE(CheckRequestEdge("GET", "/", {}, {}));
  EXPECT_TRUE(CheckRequestEdge("POST", "/api/v1/sras/sra_1/scenarios", {{"limit", "5"}, {"cursor", ""}},
                               {{"Content-Type", "application/json"}, {"User-Agent", "curl/7.88\tx"},
                                {"Authorization", "Bearer abc"}, {"REMOTE_ADDR", "127.0.0.1"}}));
  // Text in any script is text.
  EXPECT_TRUE(CheckRequestEdge("GET", "/api/v1/areas/\xd8\xb9\xd8\xb1\xd8\xa8", {{"q", "\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80"}},
                               {{"X-Name", "Ren\xc3\xa9"}}));
  EXPECT_TRUE(CheckRequestEdge("GET", "/" + std::string(kMaxPathBytes - 1, 'a'), {}, {}));
}

TEST(RequestEdgeTest, PathsThatAreNotCleanTextAreRefused) {
  for (const std::string& path : {std::string("/\xff"), std::string("/a\0b", 4), std::string("/a\nb"),
                                 std::string("/a\x7f"), std::string("/\xc0\xaf"), std::string("/\xed\xa0\x80"),
                                 std::string("/\xf4\x90\x80\x80"), std::string("/\xe2\x82"), std::string("relative"),
                                 std::string(""), "/" + std::string(kMaxPathBytes, 'a')}) {
    auto s = CheckRequestEdge("GET", path, {}, {});
    EXPECT_EQ(CodeOf(s), "invalid_request_line") << path;
    EXPECT_EQ(FieldOf(s), "path") << path;
    // The message never quotes the bytes.
    if (!s) {
      EXPECT_TRUE(ValidUtf8(s.error().message));
    }
  }
}

TEST(RequestEdgeTest, MethodsQueryAndHeadersAreChecked) {
  EXPECT_EQ(FieldOf(CheckRequestEdge("get", "/", {}, {})), "method");
  EXPECT_EQ(FieldOf(CheckRequestEdge("", "/", {}, {})), "method");
  EXPECT_EQ(FieldOf(CheckRequestEdge(std::string(17, 'G'), "/", {}, {})), "method");
  EXPECT_EQ(FieldOf(CheckRequestEdge("GET", "/", {{"status", "\xff"}}, {})), "query.status");
  EXPECT_EQ(FieldOf(CheckRequestEdge("GET", "/", {{"x", std::string("a\0b", 3)}}, {})), "query.x");
  EXPECT_EQ(FieldOf(CheckRequestEdge("GET", "/", {{"x", "a\tb"}}, {})), "query.x");
  EXPECT_EQ(FieldOf(CheckRequestEdge("GET", "/", {{"\xff", "1"}}, {})), "query");
  EXPECT_EQ(FieldOf(CheckRequestEdge("GET", "/", {{"q", std::string(kMaxQueryValueBytes + 1, 'q')}}, {})), "query.q");
  EXPECT_TRUE(CheckRequestEdge("GET", "/", {{"q", std::string(kMaxQueryValueBytes, 'q')}}, {}));
  // A name that is text but odd is not echoed in the field.
  EXPECT_EQ(FieldOf(CheckRequestEdge("GET", "/", {{"a b", "\xff"}}, {})), "query");
  StringPairs many;
  for (size_t i = 0; i <= kMaxQueryParams; ++i) many.emplace_back("k" + std::to_string(i), "v");
  EXPECT_EQ(FieldOf(CheckRequestEdge("GET", "/", many, {})), "query");

  EXPECT_EQ(CodeOf(CheckRequestEdge("GET", "/", {}, {{"X-Thing", "\xff\xfe"}})), "invalid_header");
  EXPECT_EQ(FieldOf(CheckRequestEdge("GET", "/", {}, {{"X-Thing", "\xff\xfe"}})), "header.x-thing");
  EXPECT_EQ(FieldOf(CheckRequestEdge("GET", "/", {}, {{"X-Thing", "a\x01z"}})), "header.x-thing");
  EXPECT_EQ(FieldOf(CheckRequestEdge("GET", "/", {}, {{"X-Thing", "a\r\nX: y"}})), "header.x-thing");
  EXPECT_EQ(FieldOf(CheckRequestEdge("GET", "/", {}, {{"Bad Name", "v"}})), "header");
  EXPECT_EQ(FieldOf(CheckRequestEdge("GET", "/", {}, {{"", "v"}})), "header");
  EXPECT_EQ(FieldOf(CheckRequestEdge("GET", "/", {}, {{"X-Long", std::string(kMaxHeaderValueBytes + 1, 'v')}})),
            "header.x-long");
  StringPairs headers;
  for (size_t i = 0; i <= kMaxHeaders; ++i) headers.emplace_back("X-H" + std::to_string(i), "v");
  EXPECT_EQ(FieldOf(CheckRequestEdge("GET", "/", {}, headers)), "header");
}

TEST(RequestEdgeTest, Utf8IsCheckedStrictly) {
  EXPECT_TRUE(ValidUtf8(""));
  EXPECT_TRUE(ValidUtf8("plain"));
  EXPECT_TRUE(ValidUtf8("\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf"));
  for (const std::string bad : {"\x80", "\xc1\xbf", "\xc2", "\xe0\x9f\xbf", "\xed\xbf\xbf", "\xf0\x8f\xbf\xbf",
                                "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xff", "a\xc2 "})
    EXPECT_FALSE(ValidUtf8(bad)) << bad;
}

TEST(RequestEdgeTest, BodyKindsForThe415Rule) {
  EXPECT_EQ(ClassifyBody("application/json", 10, false), BodyKind::kJson);
  EXPECT_EQ(ClassifyBody("Application/JSON ; charset=utf-8", 10, false), BodyKind::kJson);
  EXPECT_EQ(ClassifyBody("text/plain", 10, false), BodyKind::kUnsupported);
  EXPECT_EQ(ClassifyBody("", 10, false), BodyKind::kUnsupported);
  EXPECT_EQ(ClassifyBody("application/x-www-form-urlencoded", 10, false), BodyKind::kUnsupported);
  EXPECT_EQ(ClassifyBody("text/csv", 10, false), BodyKind::kUnsupported);
  EXPECT_EQ(ClassifyBody("text/csv; charset=utf-8", 10, true), BodyKind::kCsv);
  EXPECT_EQ(ClassifyBody("application/octet-stream", 10, true), BodyKind::kCsv);
  EXPECT_EQ(ClassifyBody("application/json", 10, true), BodyKind::kJson);
  EXPECT_EQ(ClassifyBody("text/plain", 10, true), BodyKind::kUnsupported);
  EXPECT_EQ(ClassifyBody("", 0, false), BodyKind::kEmpty);
  EXPECT_EQ(ClassifyBody("application/json", 0, false), BodyKind::kEmpty);
  EXPECT_EQ(ClassifyBody("multipart/form-data; boundary=x", 0, false), BodyKind::kUnsupported);
}

}  // namespace
}  // namespace srm::api
