// The one set of strict-reading rules (core/strict_json.h) every request body follows: each fault
// gets its code and the path of the field at fault, whichever reader meets it.
#include "core/strict_json.h"

#include <gtest/gtest.h>

#include <functional>

namespace srm::strict_json {
namespace {

using nlohmann::json;

struct Fault {
  const char* name;
  std::function<Status()> read;
  const char* code;
  const char* field;
};

void PrintTo(const Fault& f, std::ostream* os) { *os << f.name; }

template <typename T>
Status StatusOf(const Result<T>& r) {
  if (!r) return std::unexpected(r.error());
  return {};
}

int g_int = 0;
std::string g_text;
double g_number = 0;
bool g_flag = false;

std::vector<Fault> Faults() {
  return {
      {"body_not_object", [] { return Object(json::array()); }, "invalid_type", "$"},
      {"nested_not_object", [] { return OnlyFields(json(3), {"a"}, "legs[2]."); }, "invalid_type", "legs[2]"},
      {"unknown_key", [] { return OnlyFields(json{{"a", 1}, {"b", 2}}, {"a"}); }, "unknown_field", "b"},
      {"unknown_nested_key", [] { return OnlyFields(json{{"x", 1}}, {"a"}, "scope."); }, "unknown_field", "scope.x"},
      {"not_array", [] { return Array(json::object(), "legs"); }, "invalid_type", "legs"},
      {"too_many", [] { return Array(json::array({1, 2, 3}), "legs", 2); }, "too_many", "legs"},
      {"text_wrong_type", [] { return StatusOf(Text(json{{"t", 5}}, "t", false, 10)); }, "invalid_type",
       "t"},
      {"text_required", [] { return StatusOf(Text(json::object(), "t", true, 10, "legs[0].")); },
       "required", "legs[0].t"},
      {"text_blank", [] { return StatusOf(Text(json{{"t", " \n"}}, "t", true, 10)); }, "required", "t"},
      {"text_too_long", [] { return StatusOf(Text(json{{"t", "abcdef"}}, "t", false, 5)); }, "too_long",
       "t"},
      {"text_control", [] { return PatchText(json{{"t", std::string("a\x01", 2)}}, "t", 10, &g_text, "s."); },
       "invalid_text", "s.t"},
      {"text_nul", [] { return PatchText(json{{"t", std::string("a\0b", 3)}}, "t", 10, &g_text); }, "invalid_text",
       "t"},
      {"int_wrong_type", [] { return PatchInt(json{{"n", "3"}}, "n", 1, 5, &g_int, "p[0]."); }, "invalid_type",
       "p[0].n"},
      {"int_null", [] { return PatchInt(json{{"n", nullptr}}, "n", 1, 5, &g_int); }, "invalid_type", "n"},
      {"int_decimal", [] { return PatchInt(json{{"n", 2.5}}, "n", 1, 5, &g_int); }, "invalid_type", "n"},
      {"int_below", [] { return PatchInt(json{{"n", 0}}, "n", 1, 5, &g_int); }, "out_of_range", "n"},
      {"int_above", [] { return PatchInt(json{{"n", 6}}, "n", 1, 5, &g_int); }, "out_of_range", "n"},
      {"int_huge_unsigned", [] { return PatchInt(json::parse(R"({"n":18446744073709551615})"), "n", -5, 5, &g_int); },
       "out_of_range", "n"},
      {"number_wrong_type", [] { return PatchNumber(json{{"c", "1"}}, "c", &g_number); }, "invalid_type", "c"},
      {"bool_wrong_type", [] { return PatchBool(json{{"d", 1}}, "d", &g_flag); }, "invalid_type", "d"},
      {"date_not_a_day", [] { return PatchDate(json{{"d", "2026-02-30"}}, "d", &g_text, "scope."); }, "invalid_date",
       "scope.d"},
      {"date_required", [] { return StatusOf(Date(json::object(), "d", true)); }, "required", "d"},
      {"date_too_long", [] { return StatusOf(Date(json{{"d", "2026-01-011"}}, "d", false)); },
       "too_long", "d"},
      {"optional_int_type",
       [] { return StatusOf(OptionalInt(json{{"r", "1"}}, "r", "r must be an integer")); },
       "invalid_type", "r"},
  };
}

class StrictJsonFault : public ::testing::TestWithParam<Fault> {};

TEST_P(StrictJsonFault, IsRefusedWithItsCodeAndPath) {
  const Status st = GetParam().read();
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().code, GetParam().code) << st.error().message;
  EXPECT_EQ(st.error().field, GetParam().field) << st.error().message;
  EXPECT_FALSE(st.error().message.empty());
}

INSTANTIATE_TEST_SUITE_P(Rules, StrictJsonFault, ::testing::ValuesIn(Faults()),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(StrictJson, PatchesLeaveAbsentFieldsAndEmptyNullText) {
  std::string text = "kept";
  int n = 3;
  ASSERT_TRUE(PatchText(json::object(), "t", 10, &text).has_value());
  ASSERT_TRUE(PatchInt(json::object(), "n", 1, 5, &n).has_value());
  EXPECT_EQ(text, "kept");
  EXPECT_EQ(n, 3);
  ASSERT_TRUE(PatchText(json{{"t", nullptr}}, "t", 10, &text).has_value());
  EXPECT_EQ(text, "");
  ASSERT_TRUE(PatchText(json{{"t", "a\tb\r\nc"}}, "t", 10, &text).has_value());
  EXPECT_EQ(text, "a\tb\r\nc");
  ASSERT_TRUE(PatchInt(json{{"n", 5}}, "n", 1, 5, &n).has_value());
  EXPECT_EQ(n, 5);
}

TEST(StrictJson, OptionalTextTellsAbsentFromEmpty) {
  EXPECT_FALSE(OptionalText(json::object(), "t", 10).value().has_value());
  EXPECT_EQ(OptionalText(json{{"t", nullptr}}, "t", 10).value(), std::optional<std::string>(""));
}

TEST(StrictJson, DatesComeBackCanonicalAndOptionalOnesMayBeEmpty) {
  EXPECT_EQ(Date(json{{"d", "2028-02-29"}}, "d", true).value(), "2028-02-29");
  EXPECT_EQ(Date(json{{"d", ""}}, "d", false).value(), "");
  std::string d = "2026-01-01";
  ASSERT_TRUE(PatchDate(json{{"d", nullptr}}, "d", &d).has_value());
  EXPECT_EQ(d, "");
}

TEST(StrictJson, PathsOfObjectsAndItems) {
  EXPECT_EQ(ObjectPath(""), "$");
  EXPECT_EQ(ObjectPath("legs[2]."), "legs[2]");
  EXPECT_EQ(ItemPrefix("grants", 0), "grants[0].");
}

}  // namespace
}  // namespace srm::strict_json
