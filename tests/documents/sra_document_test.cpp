// The SRA document as the poppler tools read it: every scenario, level and approval, the marking
// and page number on every page, DRAFT on every page of a draft, the contents pointing at the right
// pages, French and Arabic (right to left, in logical order), fonts embedded.
#include "documents/sra_document.h"

#include <gtest/gtest.h>

#include <regex>

#include "documents/pdf_reader.h"

namespace srm::documents {
namespace {

using srm::testing::PdfFile;

const domain::MethodPack& Pack() {
  static const domain::MethodPack pack = *domain::ParseMethodPack(domain::DefaultMethodPackJson());
  return pack;
}

domain::Scenario MakeScenario(std::string id, std::string title, int l, int i, int rl, int ri) {
  domain::Scenario s;
  s.id = std::move(id);
  s.title = std::move(title);
  s.threat_category = "crime";
  s.description = "Armed robbery of a vehicle at a checkpoint on the main supply route.";
  s.vulnerability = domain::Vulnerability{"Drivers and passengers", "Predictable routes", "Radio checks"};
  s.likelihood = l;
  s.impact = i;
  s.residual_likelihood = rl;
  s.residual_impact = ri;
  domain::Measure m;
  m.id = "m1";
  m.type = "prevention";
  m.description = "Vary routes and times";
  m.moss_category = "vehicles";
  m.cost_minor = 120000;
  m.owner = "Field security";
  s.measures.push_back(m);
  return s;
}

domain::Sra MakeSra(domain::SraStatus status) {
  domain::Sra s;
  s.id = "sra1";
  s.title = "Carana North";
  s.version = 3;
  s.status = status;
  s.method_version = Pack().version;
  s.scope = {"2026-01-01", "2026-12-31", "periodic_review"};
  s.situation = {{"political", "Elections are due in March; tension between the two main parties."}};
  domain::ProgrammeAssessment p;
  p.organization_id = "org-wfp";
  p.activity = "Food distribution";
  p.pc = 2;
  p.international = 4;
  p.national = 30;
  s.programmes.push_back(p);
  domain::ThreatRating t;
  t.category = "crime";
  t.intent = 4;
  t.capability = 3;
  t.inhibiting = 2;
  t.evidence = "Twelve robberies in 2025";
  s.threats.push_back(t);
  domain::ThreatRating na;
  na.category = "terrorism";
  na.not_applicable = true;
  na.not_applicable_reason = "No group active in the area";
  s.threats.push_back(na);
  // Likely x Severe = High, reduced to Unlikely x Severe = Medium; Very Likely x Critical = Unacceptable
  // to Likely x Moderate = High; Unlikely x Minor = Low, unchanged.
  s.scenarios.push_back(MakeScenario("s1", "Carjacking on the MSR", 3, 3, 1, 3));
  s.scenarios.push_back(MakeScenario("s2", "Ambush of a convoy", 4, 4, 3, 2));
  s.scenarios.push_back(MakeScenario("s3", "Burglary of a residence", 1, 1, 1, 1));
  domain::Recompute(Pack(), &s);
  return s;
}

SraDocumentInput Input(const domain::Sra& s, Language lang = Language::kEn) {
  SraDocumentInput in;
  in.sra = &s;
  in.pack = &Pack();
  in.lang = lang;
  in.area_name = "Carana North";
  in.country_name = "Carana";
  in.organization_names = {{"org-wfp", "World Food Programme"}};
  in.approvals = {{"submit", "Sam Adviser", "security_professional", "2026-01-10T09:00:00Z", ""},
                  {"review", "Rita Reviewer", "dss_desk", "2026-01-12T10:00:00Z", "Checked"},
                  {"approve", "Dana Official", "designated_official", "2026-01-15T11:30:00Z", ""}};
  in.audit = {{"2026-01-15T11:30:00Z", "dana", "designated_official", "sra.transition.approve"}};
  in.audit_total = 7;
  in.generated_by = "Ada Requester";
  in.generated_at = "2026-02-01T08:15:00Z";
  return in;
}

std::string Render(const SraDocumentInput& in) {
  auto pdf = RenderSraPdf(in);
  EXPECT_TRUE(pdf.has_value()) << (pdf ? "" : pdf.error().message);
  return pdf.value_or("");
}

// The text with every run of white space as one space and without the bidi controls pdftotext
// writes around right-to-left runs: a table cell's words wrap onto several lines.
std::string Flat(const std::string& text) {
  static const std::regex kControls("\u202a|\u202b|\u202c|\u202d|\u202e|\u200e|\u200f");
  static const std::regex kSpace(R"(\s+)");
  return std::regex_replace(std::regex_replace(text, kControls, ""), kSpace, " ");
}

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + what.size())) ++n;
  return n;
}

TEST(SraDocument, ReadsEveryScenarioLevelAndApprovalWithTheMarkingOnEveryPage) {
  const auto sra = MakeSra(domain::SraStatus::kPublished);
  PdfFile pdf(Render(Input(sra)));
  const std::string all = Flat(pdf.Text());
  for (const auto& sc : sra.scenarios) EXPECT_NE(all.find(sc.title), std::string::npos) << sc.title;
  // Every level the SRA reaches: current High, Unacceptable, Low; residual Medium, High, Low.
  for (const char* level : {"Likely × Severe → High", "Very Likely × Critical → Unacceptable",
                            "Unlikely × Minor → Low", "Unlikely × Severe → Medium", "Likely × Moderate → High"})
    EXPECT_NE(all.find(level), std::string::npos) << level;
  for (const char* who : {"Sam Adviser", "Rita Reviewer", "Dana Official", "Designated Official", "DSS regional desk",
                          "2026-01-15", "Approve and publish"})
    EXPECT_NE(all.find(who), std::string::npos) << who;
  for (const char* part : {"Security Risk Assessment", "Periodic review", "2026-01-01", "Elections are due",
                           "World Food Programme", "Food distribution", "Not applicable: No group active",
                           "Twelve robberies", "Vary routes and times", "1200.00", "Drivers and passengers", "Predictable routes",
                           "Risk heatmaps", "Acceptable risk per activity", "Audit summary",
                           "7 audit entries recorded", "sra.transition.approve"})
    EXPECT_NE(all.find(part), std::string::npos) << part;
  const int pages = pdf.Pages();
  ASSERT_GE(pages, 4);
  for (int p = 1; p <= pages; ++p) {
    const std::string text = Flat(pdf.Text(p));
    EXPECT_EQ(Count(text, "UN Restricted"), 2) << "page " << p << " header and footer";
    EXPECT_NE(text.find("Page " + std::to_string(p) + " of " + std::to_string(pages)), std::string::npos) << p;
    EXPECT_NE(text.find("Generated by Ada Requester on 2026-02-01 08:15 UTC"), std::string::npos) << p;
    EXPECT_EQ(text.find("DRAFT"), std::string::npos) << "a published SRA is no draft, page " << p;
  }
}

TEST(SraDocument, MarksEveryPageOfADraftAndOfAnSraInReview) {
  for (auto status : {domain::SraStatus::kDraft, domain::SraStatus::kInReview, domain::SraStatus::kReturned}) {
    const auto sra = MakeSra(status);
    PdfFile pdf(Render(Input(sra)));
    const int pages = pdf.Pages();
    for (int p = 1; p <= pages; ++p)
      EXPECT_NE(pdf.Text(p).find("DRAFT"), std::string::npos) << domain::StatusName(status) << " page " << p;
  }
}

TEST(SraDocument, TheMarkingComesFromTheInput) {
  const auto sra = MakeSra(domain::SraStatus::kPublished);
  auto in = Input(sra);
  in.marking = "UN Confidential";
  PdfFile pdf(Render(in));
  for (int p = 1; p <= pdf.Pages(); ++p) {
    EXPECT_EQ(Count(pdf.Text(p), "UN Confidential"), 2) << p;
    EXPECT_EQ(pdf.Text(p).find("UN Restricted"), std::string::npos) << p;
  }
}

TEST(SraDocument, TheContentsNameThePageEachSectionStartsOn) {
  auto sra = MakeSra(domain::SraStatus::kPublished);
  // Enough scenarios for several pages, so a wrong page number shows.
  for (int i = 4; i <= 40; ++i) sra.scenarios.push_back(MakeScenario("s" + std::to_string(i), "Scenario number " + std::to_string(i), 2, 2, 1, 1));
  domain::Recompute(Pack(), &sra);
  PdfFile pdf(Render(Input(sra)));
  // 43 entries: the contents run over pages 2 and 3.
  const std::string contents = pdf.LayoutText(2) + pdf.LayoutText(3);
  ASSERT_NE(contents.find("Contents"), std::string::npos);
  for (const std::string section : {"Audit summary", "Risk heatmaps", "40. Scenario number 40"}) {
    // pdftotext puts the page number on the entry's line or the line after it.
    std::smatch m;
    ASSERT_TRUE(std::regex_search(contents, m, std::regex(section + R"( +(\d+)\n)"))) << section << "\n" << contents;
    const int page = std::stoi(m[1]);
    EXPECT_NE(Flat(pdf.Text(page)).find(section), std::string::npos) << section << " on page " << page;
  }
}

TEST(SraDocument, ALongSituationBreaksAcrossPagesAndKeepsEveryWord) {
  auto sra = MakeSra(domain::SraStatus::kPublished);
  std::string text;
  for (int i = 0; i < 1500; ++i) text += "word" + std::to_string(i) + " ";
  sra.situation["economic"] = text;
  PdfFile pdf(Render(Input(sra)));
  const std::string all = Flat(pdf.Text());
  for (int i : {0, 700, 1499}) EXPECT_NE(all.find("word" + std::to_string(i) + " "), std::string::npos) << i;
  EXPECT_GE(pdf.Pages(), 6);
}

TEST(SraDocument, FrenchLabels) {
  const auto sra = MakeSra(domain::SraStatus::kPublished);
  PdfFile pdf(Render(Input(sra, Language::kFr)));
  const std::string all = Flat(pdf.Text());
  for (const char* w : {"Évaluation des risques de sécurité", "Révision périodique", "Risque résiduel", "Élevé",
                        "Inacceptable", "Responsable désigné", "Produit par Ada Requester", "Page 1 sur"})
    EXPECT_NE(all.find(w), std::string::npos) << w;
}

// pdftotext (poppler 22.12) puts a space inside some Arabic words where a letter that does not join
// its left neighbour ends (و, ر, د), and writes the lam-alef ligature's two letters swapped: the
// Arabic is compared without spaces, on words without lam-alef. The letters must still come in the
// order they are read: a string laid out in visual order, or unshaped, would not match.
std::string NoSpace(const std::string& text) { return std::regex_replace(Flat(text), std::regex(" "), ""); }

TEST(SraDocument, ArabicRightToLeftInLogicalOrder) {
  auto sra = MakeSra(domain::SraStatus::kDraft);
  sra.scenarios[0].title = "هجوم مسلح على قافلة";
  sra.situation["political"] = "الوضع متوتر في شمال البلد";
  PdfFile pdf(Render(Input(sra, Language::kAr)));
  const std::string all = NoSpace(pdf.Text());
  for (const char* w : {"تقييم المخاطر", "هجوم مسلح على قافلة", "الوضع متوتر في شمال البلد", "المخاطر المتبقية",
                        "مرتفع", "مسودة", "المسؤول المكلف", "المحتويات"})
    EXPECT_NE(all.find(NoSpace(w)), std::string::npos) << w << "\n" << Flat(pdf.Text(1));
  // The same words reversed (visual order) are not there.
  EXPECT_EQ(all.find(NoSpace("ةلفاق ىلع حلسم موجه")), std::string::npos);
  for (int p = 1; p <= pdf.Pages(); ++p) EXPECT_NE(NoSpace(pdf.Text(p)).find("مسودة"), std::string::npos) << p;
}

TEST(SraDocument, EmbedsEveryFont) {
  const auto sra = MakeSra(domain::SraStatus::kPublished);
  PdfFile pdf(Render(Input(sra, Language::kAr)));
  const std::string fonts = pdf.Fonts();
  // pdffonts: two header lines, then one line per font with "emb" yes/no.
  std::istringstream lines(fonts);
  std::string line;
  int listed = 0;
  std::getline(lines, line);
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    ++listed;
    EXPECT_TRUE(std::regex_search(line, std::regex(R"(\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$)"))) << line;
    EXPECT_NE(line.find("DejaVu"), std::string::npos) << line;
  }
  EXPECT_GE(listed, 1) << fonts;
}

TEST(SraDocument, LanguageFromAcceptLanguage) {
  EXPECT_EQ(LanguageFromAcceptLanguage("fr-CH, fr;q=0.9, en;q=0.8"), Language::kFr);
  EXPECT_EQ(LanguageFromAcceptLanguage("de, ar;q=0.5, en;q=0.4"), Language::kAr);
  EXPECT_EQ(LanguageFromAcceptLanguage("de"), Language::kEn);
  EXPECT_EQ(LanguageFromAcceptLanguage(""), Language::kEn);
  EXPECT_EQ(LanguageFromCode("FR"), Language::kFr);
  EXPECT_EQ(LanguageFromCode("xx"), std::nullopt);
}

}  // namespace
}  // namespace srm::documents
