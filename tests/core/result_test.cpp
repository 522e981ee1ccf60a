// Result/Error helpers: the kind, code, field and 422 flag each helper produces, and the early-
// return macros.
#include <gtest/gtest.h>

#include "core/result.h"

namespace srm {
namespace {

TEST(Result, HelpersSetKindCodeAndField) {
  Status a = Invalid("bad", "bad input", "title");
  ASSERT_FALSE(a.has_value());
  EXPECT_EQ(a.error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(a.error().code, "bad");
  EXPECT_EQ(a.error().field, "title");
  EXPECT_FALSE(a.error().unprocessable);

  Status b = Unprocessable("vulnerability_required", "assess first", "vulnerability");
  EXPECT_EQ(b.error().kind, ErrorKind::kInvalid);
  EXPECT_TRUE(b.error().unprocessable);
  EXPECT_EQ(b.error().field, "vulnerability");

  EXPECT_EQ(Status(NotFound("SRA")).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(Status(NotFound("SRA")).error().message, "SRA not found");
  EXPECT_EQ(Status(Forbidden("no")).error().kind, ErrorKind::kForbidden);
  EXPECT_EQ(Status(Conflict("stale", "x")).error().code, "stale");
  EXPECT_EQ(Status(Conflict("stale", "x")).error().kind, ErrorKind::kConflict);
  EXPECT_EQ(Status(Internal("x")).error().kind, ErrorKind::kInternal);
  EXPECT_EQ(Status(Unavailable("x")).error().kind, ErrorKind::kUnavailable);
}

Result<int> Half(int x) {
  if (x % 2) return Invalid("odd", "odd", "x");
  return x / 2;
}

Result<int> Quarter(int x) {
  SRM_ASSIGN(h, Half(x));
  SRM_ASSIGN(q, Half(h));
  return q;
}

Status CheckEven(int x) {
  SRM_TRY(Half(x));
  return {};
}

TEST(Result, MacrosPropagateTheFirstError) {
  EXPECT_EQ(Quarter(8).value(), 2);
  EXPECT_EQ(Quarter(6).error().code, "odd");
  EXPECT_EQ(Quarter(3).error().field, "x");
  EXPECT_TRUE(CheckEven(4).has_value());
  EXPECT_FALSE(CheckEven(5).has_value());
}

}  // namespace
}  // namespace srm
