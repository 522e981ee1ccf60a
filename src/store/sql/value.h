// Internal to the SQL stores: a value bound to a statement parameter, and one row of a result, in
// terms every backend can serve. Values are always bound, never inlined into SQL text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace srm::store::sql {

// SQL NULL.
struct Null {};

// A list of strings bound as ONE parameter (see Dialect::InList), so the SQL text does not depend
// on the list's length.
struct TextList {
  std::vector<std::string> values;
};

// Text bound without a copy: the caller keeps it alive and unchanged until the statement has run
// (rows written in bulk, e.g. the access log's batches).
struct TextRef {
  std::string_view text;
};

class Value {
 public:
  using Variant = std::variant<Null, std::string, int64_t, double, TextList, TextRef>;
  Value(Null) {}
  Value(std::string_view text) : v_(std::string(text)) {}
  Value(const std::string& text) : v_(text) {}
  Value(std::string&& text) : v_(std::move(text)) {}
  Value(const char* text) : v_(std::string(text)) {}
  Value(int64_t number) : v_(number) {}
  Value(int number) : v_(static_cast<int64_t>(number)) {}
  Value(bool flag) : v_(static_cast<int64_t>(flag ? 1 : 0)) {}
  Value(double number) : v_(number) {}
  Value(TextList list) : v_(std::move(list)) {}
  Value(TextRef ref) : v_(ref) {}
  const Variant& get() const { return v_; }

 private:
  Variant v_;
};

// "" as SQL NULL: optional references (nullable foreign keys) are NULL when absent.
inline Value NullIfEmpty(std::string_view text) { return text.empty() ? Value(Null{}) : Value(text); }

using Values = std::vector<Value>;

template <typename... Vs>
Values Args(Vs&&... values) {
  Values out;
  out.reserve(sizeof...(Vs));
  (out.emplace_back(std::forward<Vs>(values)), ...);
  return out;
}

// The current row of a query. Column readers are 0-based; NULL reads as "" / 0 (IsNull tells).
class Row {
 public:
  virtual ~Row() = default;
  virtual std::string Text(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual double Real(int column) const = 0;
  virtual bool IsNull(int column) const = 0;
};

}  // namespace srm::store::sql
