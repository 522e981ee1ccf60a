// One refused request body, for the table-driven tests of the strict body readers
// (domain/sra_body_json.h, api/evidence_body_json.h, ...): the reader, the JSON text as the server
// gets it, and the code and field path the refusal must carry.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "core/json_depth.h"
#include "core/result.h"

namespace srm::testing_support {

struct Refused {
  const char* name;
  std::function<Status(const nlohmann::json&)> read;
  std::string body;  // JSON text, as the server gets it
  const char* code;
  const char* field;
};

inline void PrintTo(const Refused& r, std::ostream* os) { *os << r.name; }

// A reader's result without its value: the refusal is what these tests look at.
template <typename T>
Status StatusOf(const Result<T>& r) {
  if (!r) return std::unexpected(r.error());
  return {};
}

// The body passes the server's depth limit, and the reader refuses it as invalid with the code and
// the path of the field at fault.
inline void ExpectRefusedWithCodeAndPath(const Refused& c) {
  ASSERT_TRUE(DepthWithin(c.body)) << c.body;
  const nlohmann::json body = nlohmann::json::parse(c.body);
  auto st = c.read(body);
  ASSERT_FALSE(st) << c.body;
  EXPECT_EQ(st.error().code, c.code) << st.error().message;
  EXPECT_EQ(st.error().field, c.field) << st.error().message;
  EXPECT_EQ(st.error().kind, ErrorKind::kInvalid);
}

}  // namespace srm::testing_support
