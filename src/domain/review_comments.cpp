#include "domain/review_comments.h"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>

namespace srm::domain {

namespace {

ReviewVerdict Allow(const char* code) { return {true, ErrorKind::kForbidden, code, ""}; }
ReviewVerdict Refuse(ErrorKind kind, std::string code, std::string message) {
  return {false, kind, std::move(code), std::move(message)};
}

bool UnderReview(SraStatus s) {
  return s == SraStatus::kInReview || s == SraStatus::kReviewed || s == SraStatus::kEndorsed;
}
bool WithAssessor(SraStatus s) { return s == SraStatus::kDraft || s == SraStatus::kReturned; }

// Code points of valid UTF-8, or nullopt when the bytes are not UTF-8 (overlongs and surrogates
// refused) or hold a control character other than tab and newline.
std::optional<size_t> CountCleanChars(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7f) return std::nullopt;
      ++i;
      continue;
    }
    int len = 0;
    uint32_t cp = 0;
    if (b >= 0xc2 && b <= 0xdf) len = 2, cp = b & 0x1f;
    else if (b >= 0xe0 && b <= 0xef) len = 3, cp = b & 0x0f;
    else if (b >= 0xf0 && b <= 0xf4) len = 4, cp = b & 0x07;
    else return std::nullopt;
    if (i + len > s.size()) return std::nullopt;
    for (int k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xc0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (c & 0x3f);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
      return std::nullopt;
    if (cp >= 0x80 && cp < 0xa0) return std::nullopt;  // C1 controls
    i += len;
  }
  return n;
}

template <size_t N>
bool OneOf(const std::string_view (&names)[N], std::string_view v) {
  return std::find(std::begin(names), std::end(names), v) != std::end(names);
}

}  // namespace

Status AsStatus(const ReviewVerdict& v) {
  if (v.allowed) return {};
  return Fail(v.kind, v.code, v.message);
}

ReviewVerdict MayComment(const ReviewParty& p) {
  if (!p.readable) return Refuse(ErrorKind::kForbidden, "outside_scope", "this SRA is outside your areas or organization");
  if (!UnderReview(p.status))
    return Refuse(ErrorKind::kConflict, "not_under_review",
                  std::string("an SRA that is ") + StatusName(p.status) + " is not waiting for a review step");
  if (!p.holds_step_role) {
    const auto role = RoleFor(Action::kReturn, p.status);
    return Refuse(ErrorKind::kForbidden, "reviewer_role_required",
                  "to comment on this SRA now you need the role " +
                      std::string(role ? RoleName(*role) : std::string_view("of its current step")) + " for its area");
  }
  if (p.earlier_step)
    return Refuse(ErrorKind::kForbidden, std::string("separation_of_duties_") + ActionName(*p.earlier_step),
                  std::string("separation of duties: you already performed the step '") + ActionName(*p.earlier_step) +
                      "' of this SRA version");
  return Allow("may_comment");
}

ReviewVerdict MayResolve(const ReviewParty& p, const records::ReviewComment& c) {
  if (!p.readable) return Refuse(ErrorKind::kForbidden, "outside_scope", "this SRA is outside your areas or organization");
  if (c.resolved_at) return Refuse(ErrorKind::kConflict, "already_resolved", "this comment is already resolved");
  if (c.author.username == p.username)
    return Refuse(ErrorKind::kForbidden, "own_comment", "the assessor resolves a comment, not its author");
  if (!p.conducts)
    return Refuse(ErrorKind::kForbidden, "assessor_required", "only who conducts this SRA may resolve its comments");
  if (!WithAssessor(p.status))
    return Refuse(ErrorKind::kConflict, "not_with_assessor",
                  std::string("an SRA that is ") + StatusName(p.status) + " is not back with its assessor");
  return Allow("may_resolve");
}

Status ValidateAnchor(const Sra& sra, std::string_view anchor) {
  if (anchor == "sra") return {};
  const auto unknown = [&] {
    return Unprocessable("unknown_anchor", "a comment is attached to sra, scenarios/<id>, scenarios/<id>/<field> or steps/<step>",
                         "anchor");
  };
  if (anchor.starts_with("steps/")) {
    if (!OneOf(kAnchorSteps, anchor.substr(6))) return Unprocessable("unknown_step", "no such step", "anchor");
    return {};
  }
  if (!anchor.starts_with("scenarios/")) return unknown();
  std::string_view rest = anchor.substr(10);
  const size_t slash = rest.find('/');
  const std::string_view sid = rest.substr(0, slash);
  if (sid.empty()) return unknown();
  const bool known = std::any_of(sra.scenarios.begin(), sra.scenarios.end(), [&](const Scenario& s) { return s.id == sid; });
  if (!known) return Unprocessable("unknown_scenario", "this SRA version has no such scenario", "anchor");
  if (slash == std::string_view::npos) return {};
  if (!OneOf(kScenarioFields, rest.substr(slash + 1)))
    return Unprocessable("unknown_field", "a scenario field is one of title, description, vulnerability, likelihood, "
                                          "impact, measures, residual",
                         "anchor");
  return {};
}

Status ValidateCommentText(std::string_view text) {
  const auto n = CountCleanChars(text);
  if (!n) return Unprocessable("invalid_text", "the comment holds bytes that are not text", "text");
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return Unprocessable("text_required", "write the comment", "text");
  if (*n > kMaxCommentChars)
    return Unprocessable("comment_too_long", "a comment has at most " + std::to_string(kMaxCommentChars) + " characters",
                         "text");
  return {};
}

CarryVerdict CarryOnRevise(const records::ReviewComment& c) {
  // Designated: these codes say what happens to a comment, they are not refusals.
  if (c.resolved_at) return {.carry = false, .code = "stays_resolved"};
  return {.carry = true, .code = "carried_open"};
}

records::ReviewComment CarriedTo(const records::ReviewComment& c, const Sra& next, std::string_view now) {
  records::ReviewComment out = c;
  out.sra_id = next.id;
  out.series_id = next.series_id;
  out.updated_at = std::string(now);
  out.revision = c.revision + 1;
  return out;
}

nlohmann::json ReviewCommentJson(const records::ReviewComment& c) {
  using nlohmann::json;
  const auto user = [](const records::UserRef& u) { return u.id.empty() && u.username.empty() ? json(nullptr) : json{{"id", u.id}, {"username", u.username}}; };
  return {{"id", c.id},
          {"sra_id", c.sra_id},
          {"series_id", c.series_id},
          {"sra_version", c.sra_version},
          {"sra_revision", c.sra_revision},
          {"sra_status", c.sra_status},
          {"anchor", c.anchor},
          {"text", c.text},
          {"author", user(c.author)},
          {"author_role", c.author_role},
          {"made_at", c.made_at},
          {"resolved", c.resolved_at.has_value()},
          {"resolved_at", c.resolved_at ? json(*c.resolved_at) : json(nullptr)},
          {"resolved_by", c.resolved_at ? user(c.resolved_by) : json(nullptr)},
          {"revision", c.revision}};
}

}  // namespace srm::domain
