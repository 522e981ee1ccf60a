// Issue 18: the review comment rules (domain/review_comments.h), table-driven: every outcome of
// who may comment, who may resolve, which anchors and which texts are accepted.
#include "domain/review_comments.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace srm::domain {
namespace {

ReviewParty Reviewer(SraStatus s) {
  ReviewParty p;
  p.username = "cell";
  p.readable = true;
  p.status = s;
  p.holds_step_role = true;
  return p;
}
ReviewParty Assessor(SraStatus s) {
  ReviewParty p;
  p.username = "sp";
  p.readable = true;
  p.status = s;
  p.conducts = true;
  return p;
}

TEST(ReviewComments, WhoMayComment) {
  struct Case {
    const char* name;
    ReviewParty party;
    bool allowed;
    const char* code;
    ErrorKind kind;
  };
  ReviewParty unreadable = Reviewer(SraStatus::kInReview);
  unreadable.readable = false;
  ReviewParty no_role = Reviewer(SraStatus::kReviewed);
  no_role.holds_step_role = false;
  ReviewParty drafted = Reviewer(SraStatus::kInReview);
  drafted.earlier_step = Action::kSubmit;
  const Case cases[] = {
      {"in review", Reviewer(SraStatus::kInReview), true, "may_comment", ErrorKind::kForbidden},
      {"reviewed", Reviewer(SraStatus::kReviewed), true, "may_comment", ErrorKind::kForbidden},
      {"endorsed", Reviewer(SraStatus::kEndorsed), true, "may_comment", ErrorKind::kForbidden},
      {"outside scope", unreadable, false, "outside_scope", ErrorKind::kForbidden},
      {"draft", Reviewer(SraStatus::kDraft), false, "not_under_review", ErrorKind::kConflict},
      {"returned", Reviewer(SraStatus::kReturned), false, "not_under_review", ErrorKind::kConflict},
      {"published", Reviewer(SraStatus::kPublished), false, "not_under_review", ErrorKind::kConflict},
      {"superseded", Reviewer(SraStatus::kSuperseded), false, "not_under_review", ErrorKind::kConflict},
      {"without the step's role", no_role, false, "reviewer_role_required", ErrorKind::kForbidden},
      {"drafted this version", drafted, false, "separation_of_duties_submit", ErrorKind::kForbidden},
  };
  for (const auto& c : cases) {
    const ReviewVerdict v = MayComment(c.party);
    EXPECT_EQ(v.allowed, c.allowed) << c.name;
    EXPECT_EQ(v.code, c.code) << c.name;
    if (!c.allowed) {
      EXPECT_EQ(v.kind, c.kind) << c.name;
      EXPECT_FALSE(AsStatus(v).has_value()) << c.name;
      EXPECT_EQ(AsStatus(v).error().code, c.code) << c.name;
    } else {
      EXPECT_TRUE(AsStatus(v).has_value()) << c.name;
    }
  }
}

TEST(ReviewComments, WhoMayResolve) {
  records::ReviewComment open;
  open.author = {"usr_cell", "cell"};
  records::ReviewComment done = open;
  done.resolved_at = "2026-12-01T10:00:00.000Z";
  ReviewParty unreadable = Assessor(SraStatus::kReturned);
  unreadable.readable = false;
  ReviewParty author = Assessor(SraStatus::kReturned);
  author.username = "cell";  // the reviewer who also conducts: still not for their own comment
  ReviewParty not_conductor = Assessor(SraStatus::kReturned);
  not_conductor.conducts = false;
  struct Case {
    const char* name;
    ReviewParty party;
    records::ReviewComment comment;
    bool allowed;
    const char* code;
  };
  const Case cases[] = {
      {"returned", Assessor(SraStatus::kReturned), open, true, "may_resolve"},
      {"draft again", Assessor(SraStatus::kDraft), open, true, "may_resolve"},
      {"outside scope", unreadable, open, false, "outside_scope"},
      {"twice", Assessor(SraStatus::kReturned), done, false, "already_resolved"},
      {"its author", author, open, false, "own_comment"},
      {"not the assessor", not_conductor, open, false, "assessor_required"},
      {"in review", Assessor(SraStatus::kInReview), open, false, "not_with_assessor"},
      {"published", Assessor(SraStatus::kPublished), open, false, "not_with_assessor"},
  };
  for (const auto& c : cases) {
    const ReviewVerdict v = MayResolve(c.party, c.comment);
    EXPECT_EQ(v.allowed, c.allowed) << c.name;
    EXPECT_EQ(v.code, c.code) << c.name;
  }
}

TEST(ReviewComments, Anchors) {
  Sra sra;
  Scenario s;
  s.id = "scn_1";
  sra.scenarios.push_back(s);
  const std::pair<const char*, const char*> cases[] = {
      {"sra", ""},
      {"scenarios/scn_1", ""},
      {"scenarios/scn_1/vulnerability", ""},
      {"scenarios/scn_1/residual", ""},
      {"steps/threats", ""},
      {"steps/acceptability", ""},
      {"", "unknown_anchor"},
      {"SRA", "unknown_anchor"},
      {"scenarios/", "unknown_anchor"},
      {"scenario/scn_1", "unknown_anchor"},
      {"scenarios/scn_2", "unknown_scenario"},
      {"scenarios/scn_2/vulnerability", "unknown_scenario"},
      {"scenarios/scn_1/colour", "unknown_field"},
      {"scenarios/scn_1/", "unknown_field"},
      {"scenarios/scn_1/vulnerability/x", "unknown_field"},
      {"steps/", "unknown_step"},
      {"steps/lunch", "unknown_step"},
  };
  for (const auto& [anchor, code] : cases) {
    const Status st = ValidateAnchor(sra, anchor);
    if (*code == '\0') {
      EXPECT_TRUE(st.has_value()) << anchor;
    } else {
      ASSERT_FALSE(st.has_value()) << anchor;
      EXPECT_EQ(st.error().code, code) << anchor;
      EXPECT_TRUE(st.error().unprocessable) << anchor;
      EXPECT_EQ(st.error().field, "anchor") << anchor;
    }
  }
}

TEST(ReviewComments, Texts) {
  std::string limit;
  for (size_t i = 0; i < kMaxCommentChars; ++i) limit += "\u0639";  // Arabic: two bytes a character
  const std::pair<std::string, const char*> cases[] = {
      {"Who is exposed at night?", ""},
      {"Ligne 1\nLigne 2\tfin", ""},
      {limit, ""},
      {"", "text_required"},
      {" \n\t ", "text_required"},
      {limit + "x", "comment_too_long"},
      {std::string("nul\0here", 8), "invalid_text"},
      {"bell\x07", "invalid_text"},
      {"\xff\xfe", "invalid_text"},
      {"\xc3", "invalid_text"},               // cut in the middle of a character
      {"\xc0\xaf", "invalid_text"},           // overlong
      {"\xed\xa0\x80", "invalid_text"},       // a surrogate
      {"\xc2\x85", "invalid_text"},           // a C1 control
  };
  for (const auto& [text, code] : cases) {
    const Status st = ValidateCommentText(text);
    if (*code == '\0') {
      EXPECT_TRUE(st.has_value()) << text.substr(0, 30);
    } else {
      ASSERT_FALSE(st.has_value()) << text.substr(0, 30);
      EXPECT_EQ(st.error().code, code) << text.substr(0, 30);
      EXPECT_EQ(st.error().field, "text");
    }
  }
}

TEST(ReviewComments, TheJsonSaysWhetherItIsResolved) {
  records::ReviewComment c;
  c.id = "rvc_1";
  c.anchor = "sra";
  c.author = {"usr_cell", "cell"};
  auto j = ReviewCommentJson(c);
  EXPECT_EQ(j["resolved"], false);
  EXPECT_TRUE(j["resolved_by"].is_null());
  c.resolved_at = "2026-12-01T10:00:00.000Z";
  c.resolved_by = {"usr_sp", "sp"};
  j = ReviewCommentJson(c);
  EXPECT_EQ(j["resolved"], true);
  EXPECT_EQ(j["resolved_by"]["username"], "sp");
}

// Revising a published version: open comments go to the new draft, resolved ones stay.
TEST(ReviewComments, RevisingCarriesTheOpenCommentsOnly) {
  struct Case {
    const char* name;
    std::optional<std::string> resolved_at;
    bool carry;
    const char* code;
  } cases[] = {
      {"open", std::nullopt, true, "carried_open"},
      {"resolved", std::string("2026-12-01T10:00:00.000Z"), false, "stays_resolved"},
  };
  for (const auto& k : cases) {
    records::ReviewComment c;
    c.id = "rvc_1";
    c.resolved_at = k.resolved_at;
    const auto v = CarryOnRevise(c);
    EXPECT_EQ(v.carry, k.carry) << k.name;
    EXPECT_EQ(v.code, k.code) << k.name;
  }
}

TEST(ReviewComments, ACarriedCommentBelongsToTheNewVersionAndKeepsWhereItWasMade) {
  records::ReviewComment c;
  c.id = "rvc_1";
  c.sra_id = "sra_v1";
  c.series_id = "ser_1";
  c.sra_version = 1;
  c.sra_revision = 7;
  c.sra_status = "endorsed";
  c.anchor = "scenarios/scn_1/residual";
  c.text = "Check the residual.";
  c.author = {"usr_smt", "smt"};
  c.made_at = "2026-11-01T10:00:00.000Z";
  c.updated_at = c.made_at;
  c.revision = 1;
  Sra next;
  next.id = "sra_v2";
  next.series_id = "ser_1";
  next.version = 2;
  const auto out = CarriedTo(c, next, "2026-12-01T10:00:00.000Z");
  EXPECT_EQ(out.id, "rvc_1");
  EXPECT_EQ(out.sra_id, "sra_v2");
  EXPECT_EQ(out.sra_version, 1);
  EXPECT_EQ(out.sra_revision, 7);
  EXPECT_EQ(out.sra_status, "endorsed");
  EXPECT_EQ(out.anchor, c.anchor);
  EXPECT_EQ(out.text, c.text);
  EXPECT_EQ(out.author.username, "smt");
  EXPECT_EQ(out.made_at, c.made_at);
  EXPECT_FALSE(out.resolved_at.has_value());
  EXPECT_EQ(out.updated_at, "2026-12-01T10:00:00.000Z");
  EXPECT_EQ(out.revision, 2);
}

}  // namespace
}  // namespace srm::domain
