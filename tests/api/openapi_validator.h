// Checks an API answer against src/api/openapi.json (the document the server serves), so the
// document cannot drift from what the handlers send: TestServer runs every answer the API test
// suites receive through OpenApiValidator::Check.
//
// The schema for an answer is the one of its path template + method + status. A 2xx status must
// be documented on the operation; an error status may fall back to the operation's "default"
// (the request edge's errors: 413, 415, 500, 503, ...). A path no template matches must be an
// error answer in the Error shape (the API's 404 for unknown paths, the edge's 400s).
//
// OpenAPI 3.0 schemas are JSON Schema with two differences handled here: `nullable: true`
// (turned into a "null" type), and $ref into #/components/schemas (moved to #/definitions).
#pragma once

#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace srm::testing {

class OpenApiValidator {
 public:
  explicit OpenApiValidator(const nlohmann::json& doc) : doc_(doc) {
    for (auto s = doc_["components"]["schemas"].begin(); s != doc_["components"]["schemas"].end(); ++s)
      definitions_[s.key()] = ToJsonSchema(s.value());
  }

  // "" when the answer matches the document, else what is wrong (method, path, status, why).
  // content_type: the answer's Content-Type; a file answer (CSV, xlsx, SVG) must be one the
  // document lists for that status, and its body is not checked as JSON.
  std::string Check(const std::string& method, const std::string& target, int status, const std::string& body,
                    const std::string& content_type = "application/json") {
    const std::string path = target.substr(0, target.find('?'));
    const std::string where = method + " " + path + " -> " + std::to_string(status) + ": ";
    std::string lower = method;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const std::optional<std::string> tmpl = Template(path);
    const nlohmann::json* responses = nullptr;
    if (tmpl && doc_["paths"][*tmpl].contains(lower)) responses = &doc_["paths"][*tmpl][lower]["responses"];
    if (responses == nullptr) {
      // No such operation: the server must refuse it with an error.
      if (status < 400) return where + "a success for an operation the document does not have";
      return Validate("Error", ErrorSchema(), body, where);
    }
    const std::string code = std::to_string(status);
    const nlohmann::json* response = nullptr;
    if (responses->contains(code)) response = &(*responses)[code];
    else if (status >= 400 && responses->contains("default")) response = &(*responses)["default"];
    if (response == nullptr) return where + "status not documented for " + method + " " + *tmpl;
    if (response->contains("$ref")) response = &Resolve((*response)["$ref"]);
    if (!response->contains("content")) {
      if (!body.empty()) return where + "documented without a body, but the answer has one";
      return "";
    }
    const nlohmann::json& content = (*response)["content"];
    const std::string media = content_type.substr(0, content_type.find(';'));
    if (!media.empty() && media != "application/json") {
      if (!content.contains(media)) return where + "answered as " + media + ", which the document does not list";
      return "";  // a file or text answer: not JSON
    }
    if (!content.contains("application/json")) return "";  // a file or text answer: not JSON
    const nlohmann::json& schema = content["application/json"]["schema"];
    return Validate(method + " " + *tmpl + " " + code, ToJsonSchema(schema), body, where);
  }

 private:
  // The documented template for a concrete path: literal segments beat parameters
  // (/clearances/inbox before /clearances/{id}).
  std::optional<std::string> Template(const std::string& path) const {
    const std::vector<std::string> segs = Split(path);
    std::optional<std::string> best;
    int best_literals = -1;
    for (auto p = doc_["paths"].begin(); p != doc_["paths"].end(); ++p) {
      const std::vector<std::string> t = Split(p.key());
      if (t.size() != segs.size()) continue;
      int literals = 0;
      bool match = true;
      for (size_t i = 0; i < t.size() && match; ++i) {
        if (!t[i].empty() && t[i].front() == '{') continue;
        match = t[i] == segs[i];
        ++literals;
      }
      if (match && literals > best_literals) {
        best = p.key();
        best_literals = literals;
      }
    }
    return best;
  }
  static std::vector<std::string> Split(const std::string& path) {
    std::vector<std::string> out;
    std::stringstream ss(path);
    for (std::string s; std::getline(ss, s, '/');)
      if (!s.empty()) out.push_back(s);
    return out;
  }
  const nlohmann::json& Resolve(const std::string& ref) const {
    return doc_.at(nlohmann::json::json_pointer(ref.substr(1)));
  }
  nlohmann::json ErrorSchema() const { return nlohmann::json{{"$ref", "#/definitions/Error"}}; }

  // OpenAPI 3.0 schema -> JSON Schema draft 7.
  static nlohmann::json ToJsonSchema(const nlohmann::json& s) {
    if (s.is_array()) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& x : s) out.push_back(ToJsonSchema(x));
      return out;
    }
    if (!s.is_object()) return s;
    nlohmann::json out = nlohmann::json::object();
    for (auto it = s.begin(); it != s.end(); ++it) {
      const std::string& k = it.key();
      if (k == "nullable" || k == "example" || k == "description") continue;
      if (k == "$ref") {
        const std::string ref = it.value();
        const std::string prefix = "#/components/schemas/";
        out[k] = ref.rfind(prefix, 0) == 0 ? "#/definitions/" + ref.substr(prefix.size()) : ref;
      } else if (k == "properties") {
        nlohmann::json props = nlohmann::json::object();
        for (auto p = it.value().begin(); p != it.value().end(); ++p) props[p.key()] = ToJsonSchema(p.value());
        out[k] = props;
      } else if (k == "enum") {
        out[k] = it.value();
      } else {
        out[k] = ToJsonSchema(it.value());
      }
    }
    if (s.value("nullable", false)) {
      if (out.contains("type") && out.contains("enum") == false) {
        out["type"] = nlohmann::json::array({out["type"], "null"});
      } else {
        if (out.contains("enum")) out["enum"].push_back(nullptr);
        out = nlohmann::json{{"anyOf", nlohmann::json::array({out, {{"type", "null"}}})}};
      }
    }
    return out;
  }

  std::string Validate(const std::string& key, const nlohmann::json& schema, const std::string& body,
                       const std::string& where) {
    const nlohmann::json value = nlohmann::json::parse(body, nullptr, false);
    if (value.is_discarded()) return where + "the body is not JSON: " + body.substr(0, 200);
    std::lock_guard lock(mu_);
    auto it = parsed_.find(key);
    if (it == parsed_.end()) {
      nlohmann::json root{{"definitions", definitions_}, {"allOf", nlohmann::json::array({schema})}};
      auto parsed = std::make_unique<Parsed>();
      parsed->doc = std::move(root);
      valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
      valijson::adapters::NlohmannJsonAdapter adapter(parsed->doc);
      try {
        parser.populateSchema(adapter, parsed->schema);
      } catch (const std::exception& e) {
        return where + "the document's schema does not parse: " + e.what();
      }
      it = parsed_.emplace(key, std::move(parsed)).first;
    }
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter target(value);
    if (validator.validate(it->second->schema, target, &results)) return "";
    std::string why;
    valijson::ValidationResults::Error e;
    // Every finding with where it is (the innermost names the offending key).
    for (int n = 0; results.popError(e) && n < 8; ++n) {
      std::string ctx;
      for (const auto& c : e.context) ctx += c;
      why += "\n  " + ctx + ": " + e.description;
    }
    return where + why + "\n  body: " + body.substr(0, 600);
  }

  struct Parsed {
    nlohmann::json doc;
    valijson::Schema schema;
  };
  nlohmann::json doc_;
  nlohmann::json definitions_ = nlohmann::json::object();
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<Parsed>> parsed_;
};

}  // namespace srm::testing
