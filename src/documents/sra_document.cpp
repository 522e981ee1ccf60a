#include "documents/sra_document.h"

#include <cairo-pdf.h>

#include <algorithm>
#include <cstdlib>
#include <cstdio>

#include "documents/pdf_flow.h"
#include "domain/acceptability.h"
#include "domain/level_colors.h"

namespace srm::documents {

namespace {

using domain::Sra;

constexpr Rgb ToRgb(uint32_t c) { return {((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0}; }
// The level colours of the UI (domain/level_colors.h), the same in the Excel register and the SVG.
struct LevelPalette {
  Rgb fill[domain::kRiskLevels], text[domain::kRiskLevels];
};
constexpr LevelPalette kPalette = [] {
  LevelPalette p{};
  for (int i = 0; i < domain::kRiskLevels; ++i) {
    p.fill[i] = ToRgb(domain::LevelColorOf(i).fill);
    p.text[i] = ToRgb(domain::LevelColorOf(i).text);
  }
  return p;
}();
constexpr const Rgb* kLevelFill = kPalette.fill;
constexpr const Rgb* kLevelText = kPalette.text;

// A section of the contents: its title and level (1 section, 2 scenario).
struct TocEntry {
  std::string title;
  int level = 1;
};

// What the counting pass learns for the drawing pass.
struct Layout {
  int total_pages = 0;
  std::vector<Anchor> anchors;  // one per TocEntry, in order
};

// At most `n` characters (code points) of a UTF-8 text, with an ellipsis when cut.
std::string Cut(const std::string& s, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && count++ == n) return s.substr(0, i) + "\u2026";
  }
  return s;
}

std::string Date(const std::string& rfc3339) { return rfc3339.substr(0, std::min<size_t>(rfc3339.size(), 10)); }

std::string DateTime(const std::string& rfc3339) {
  if (rfc3339.size() < 16) return rfc3339;
  return rfc3339.substr(0, 10) + " " + rfc3339.substr(11, 5) + " UTC";
}

class Composer {
 public:
  Composer(const SraDocumentInput& in, PdfFlow& flow, const Layout& known)
      : in_(in), s_(*in.sra), m_(*in.pack), lang_(in.lang), flow_(flow), known_(known) {}

  static std::vector<TocEntry> Contents(const SraDocumentInput& in) {
    const Language l = in.lang;
    std::vector<TocEntry> toc = {{Label(l, "doc.cover"), 1},  {Label(l, "view.situation"), 1},
                                 {Label(l, "doc.programmes"), 1}, {Label(l, "view.threats"), 1},
                                 {Label(l, "view.scenarios"), 1}};
    for (size_t i = 0; i < in.sra->scenarios.size(); ++i) toc.push_back({ScenarioTitle(in, i), 2});
    for (const char* k : {"doc.heatmaps", "view.acceptability", "doc.audit"}) toc.push_back({Label(l, k), 1});
    return toc;
  }

  // Lays out (and draws, in the drawing pass) the whole document; returns the anchors reached.
  std::vector<Anchor> Compose() {
    toc_ = Contents(in_);
    flow_.Begin();
    Cover();
    flow_.NewPage();
    TableOfContents();
    flow_.NewPage();
    Situation();
    Programmes();
    Threats();
    Scenarios();
    Heatmaps();
    Acceptability();
    Audit();
    flow_.Finish();
    return anchors_;
  }

 private:
  static std::string ScenarioTitle(const SraDocumentInput& in, size_t i) {
    return std::to_string(i + 1) + ". " + in.sra->scenarios[i].title;
  }

  std::string L(std::string_view key) const { return Label(lang_, key); }
  std::string Level(int idx) const {
    if (idx < 0 || idx >= domain::kRiskLevels) return L("doc.not_rated");
    return Term(lang_, "level.", m_.risk_levels[idx]);
  }
  TableCell LevelCell(std::optional<int> idx) const {
    if (!idx || *idx < 0 || *idx >= domain::kRiskLevels) return {L("doc.not_rated")};
    return {Level(*idx), kLevelFill[*idx], true, kLevelText[*idx]};
  }
  std::string Rating(std::optional<int> l, std::optional<int> i, std::optional<int> level) const {
    if (!l || !i || !level) return L("doc.not_rated");
    return Term(lang_, "lik.", m_.likelihoods[*l]) + " \u00d7 " + Term(lang_, "imp.", m_.impacts[*i]) + " \u2192 " +
           Level(*level);
  }
  std::string Category(const std::string& key) const {
    const auto* c = domain::FindThreatCategory(m_, key);
    const std::string t = Term(lang_, "cat.", key);
    return t != key || !c ? t : c->name;
  }

  // A level-1 section heading, recorded for the contents.
  void Section(size_t toc_index) {
    anchors_.push_back(flow_.Heading(toc_[toc_index].title, toc_[toc_index].level));
  }

  void Cover() {
    anchors_.push_back({1, PdfFlow::kTop});
    flow_.Space(40);
    flow_.Paragraph(L("doc.title"), {.size = 13, .color = {0.3, 0.3, 0.3}}, 4);
    flow_.Paragraph(s_.title, {.size = 22, .bold = true, .color = {0.05, 0.25, 0.5}}, 6);
    std::string area = in_.area_name.empty() ? s_.area_id : in_.area_name;
    if (!in_.country_name.empty()) area += " (" + in_.country_name + ")";
    flow_.Paragraph(area, {.size = 14}, 10);
    if (IsDraftDocument(s_.status)) flow_.Paragraph(L("doc.draft_note"), {.size = 11, .bold = true, .color = {0.7, 0.1, 0.1}}, 10);
    flow_.Space(10);
    flow_.Field(L("view.area"), area);
    flow_.Field(L("doc.version"), std::to_string(s_.version));
    flow_.Field(L("doc.kind"), Term(lang_, "kind.", domain::KindName(s_.kind)));
    if (!s_.mission_ref.empty()) flow_.Field(L("doc.mission"), s_.mission_ref);
    flow_.Field(L("view.trigger"), s_.scope.trigger.empty() ? "\u2014" : Term(lang_, "trigger.", s_.scope.trigger));
    flow_.Field(L("view.period"), s_.scope.from_date + " \u2013 " + s_.scope.to_date);
    flow_.Field(L("view.status"), Term(lang_, "status.", domain::StatusName(s_.status)));
    if (!s_.published_at.empty()) flow_.Field(L("view.published_at"), Date(s_.published_at));
    if (!s_.review_due.empty()) flow_.Field(L("view.review_due"), s_.review_due);
    flow_.Field(L("view.threat"), s_.overall_threat ? std::to_string(*s_.overall_threat) + " / 5" : L("doc.not_rated"));
    flow_.Field(L("doc.overall_current"), Level(s_.overall_current.value_or(-1)));
    flow_.Field(L("doc.overall_residual"), Level(s_.overall_residual.value_or(-1)));
    flow_.Field(L("doc.method"), m_.version);
    flow_.Space(8);
    flow_.Heading(L("doc.approvals"), 2);
    if (in_.approvals.empty()) {
      flow_.Paragraph(L("doc.no_approvals"));
      return;
    }
    std::vector<std::vector<TableCell>> rows;
    for (const auto& a : in_.approvals)
      rows.push_back({{Term(lang_, "action.", a.action)}, {a.name, {}, true}, {Term(lang_, "role.", a.role)},
                      {DateTime(a.at)}, {a.comment}});
    flow_.Table({0.2, 0.2, 0.2, 0.16, 0.24},
                {{L("doc.step")}, {L("doc.name")}, {L("doc.role")}, {L("doc.date")}, {L("doc.comment")}}, rows);
  }

  void TableOfContents() {
    flow_.Heading(L("doc.contents"), 1);
    flow_.Space(4);
    for (size_t i = 0; i < toc_.size(); ++i) {
      const Anchor target = i < known_.anchors.size() ? known_.anchors[i] : Anchor{};
      const std::string title = Cut(toc_[i].title, toc_[i].level == 1 ? 70 : 80);
      const std::string page = target.page > 0 ? std::to_string(target.page) : "";
      const int level = toc_[i].level;
      flow_.Block(level == 1 ? 17 : 13.5, [&](cairo_t*, double x, double y, double w) {
        const double indent = level == 1 ? 0 : 16;
        const TextStyle style{.size = level == 1 ? 10.5 : 9, .bold = level == 1};
        const double tx = flow_.Rtl() ? x + 40 : x + indent;
        flow_.TextAt(title, tx, y, w - indent - 40, style, Align::kStart);
        flow_.TextAt(page, flow_.Rtl() ? x : x + w - 40, y, 40, style, Align::kEnd);
        flow_.LinkTo(target, x, y, w, level == 1 ? 15 : 12);
      });
    }
  }

  void Situation() {
    Section(1);
    std::vector<std::string> keys = m_.situation_fields;
    for (const auto& [k, v] : s_.situation)
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    bool any = false;
    for (const auto& k : keys) {
      auto it = s_.situation.find(k);
      if (it == s_.situation.end() || it->second.empty()) continue;
      any = true;
      flow_.Heading(Term(lang_, "sit.", k), 3);
      flow_.Paragraph(it->second);
    }
    if (!any) flow_.Paragraph(L("doc.none"));
  }

  void Programmes() {
    Section(2);
    if (s_.programmes.empty()) {
      flow_.Paragraph(L("doc.no_programmes"));
      return;
    }
    std::vector<std::vector<TableCell>> rows;
    for (const auto& p : s_.programmes) {
      auto org = in_.organization_names.find(p.organization_id);
      rows.push_back({{org == in_.organization_names.end() ? p.organization_id : org->second},
                      {p.activity},
                      {"PC" + std::to_string(p.pc), {}, true},
                      {std::to_string(p.international) + " / " + std::to_string(p.national) + " / " +
                       std::to_string(p.on_mission)},
                      {p.frequency},
                      {p.partners}});
    }
    flow_.Table({0.18, 0.26, 0.08, 0.18, 0.14, 0.16},
                {{L("doc.organization")}, {L("doc.activity")}, {L("doc.pc")}, {L("doc.personnel")},
                 {L("doc.frequency")}, {L("doc.partners")}},
                rows);
  }

  void Threats() {
    Section(3);
    if (s_.threats.empty()) {
      flow_.Paragraph(L("doc.none"));
      return;
    }
    std::vector<std::vector<TableCell>> rows;
    for (const auto& t : s_.threats) {
      const auto* c = domain::FindThreatCategory(m_, t.category);
      const std::array<std::string, 3> names = c ? c->factors : std::array<std::string, 3>{"intent", "capability", "inhibiting"};
      if (t.not_applicable) {
        rows.push_back({{Category(t.category), {}, true},
                        {LabelWith(lang_, "doc.not_applicable", "why", t.not_applicable_reason)},
                        {"\u2014"},
                        {t.evidence}});
        continue;
      }
      const int values[3] = {t.intent, t.capability, t.inhibiting};
      std::string factors;
      for (int i = 0; i < 3; ++i) {
        if (i) factors += "\n";
        factors += Term(lang_, "thr.", names[i]) + ": " + std::to_string(values[i]);
      }
      const int lvl = std::clamp(t.level, 1, 5);
      // Threat levels 1..5 take the colours of the five lower risk levels, as in the UI (.tl-n).
      rows.push_back({{Category(t.category), {}, true},
                      {factors},
                      {std::to_string(t.level) + " / 5", kLevelFill[lvl - 1], true, kLevelText[lvl - 1]},
                      {t.evidence}});
    }
    flow_.Table({0.2, 0.27, 0.1, 0.43},
                {{L("doc.category")}, {L("view.factors")},
                 {L("doc.level")}, {L("doc.evidence")}},
                rows);
  }

  void Scenarios() {
    Section(4);
    for (size_t i = 0; i < s_.scenarios.size(); ++i) {
      const auto& sc = s_.scenarios[i];
      anchors_.push_back(flow_.Heading(toc_[5 + i].title, 2));
      flow_.Paragraph(Category(sc.threat_category), {.size = 9, .color = {0.3, 0.3, 0.3}, .italic = true}, 3);
      if (!sc.description.empty()) flow_.Field(L("doc.description"), sc.description);
      if (sc.vulnerability) {
        flow_.Field(L("doc.exposed"), sc.vulnerability->exposed);
        flow_.Field(L("doc.weaknesses"), sc.vulnerability->weaknesses);
        flow_.Field(L("doc.existing_measures"), sc.vulnerability->existing_measures);
      } else {
        flow_.Field(L("doc.vulnerability"), L("doc.no_vulnerability"));
      }
      flow_.Field(L("view.current"), Rating(sc.likelihood, sc.impact, sc.current_level));
      if (sc.likelihood_suggestion && sc.likelihood_suggestion->no_evidence_reason.empty()) {
        const int li = std::clamp(sc.likelihood_suggestion->likelihood, 0, domain::kScaleSize - 1);
        std::string note = LabelWith(lang_, "doc.suggested", "level", Term(lang_, "lik.", m_.likelihoods[li]));
        if (!sc.likelihood_reason.empty()) note += ". " + L("doc.reason") + ": " + sc.likelihood_reason;
        flow_.Paragraph(note, {.size = 8.5, .color = {0.3, 0.3, 0.3}}, 3);
      }
      if (sc.measures.empty()) {
        flow_.Field(L("view.measures"), L("doc.no_measures"));
      } else {
        std::vector<std::vector<TableCell>> rows;
        for (const auto& ms : sc.measures) {
          char cost[48];
          // Minor units are hundredths, as the SRA codec reads them (domain/sra_json.cpp).
          std::snprintf(cost, sizeof cost, "%lld.%02lld %s", static_cast<long long>(ms.cost_minor / 100),
                        static_cast<long long>(std::llabs(ms.cost_minor % 100)), ms.currency.c_str());
          rows.push_back({{Term(lang_, "mtype.", ms.type)}, {ms.description}, {Term(lang_, "moss.", ms.moss_category)},
                          {ms.owner}, {cost}, {Term(lang_, "mstatus.", ms.status)}});
        }
        flow_.Space(2);
        flow_.Table({0.15, 0.31, 0.14, 0.13, 0.15, 0.12},
                    {{L("doc.type")}, {L("view.measures")}, {L("doc.category")}, {L("doc.owner")}, {L("doc.cost")},
                     {L("doc.measure_status")}},
                    rows, 8);
      }
      flow_.Field(L("view.residual"), Rating(sc.residual_likelihood, sc.residual_impact, sc.residual_level));
      flow_.Space(4);
    }
    if (s_.scenarios.empty()) flow_.Paragraph(L("doc.none"));
  }

  // A 5x5 matrix: likelihood up, impact across; each cell in its level's colour with the number of
  // scenarios rated there. Vector paths, so it prints sharp at any size.
  void Heatmap(const std::string& title, bool residual) {
    int counts[domain::kScaleSize][domain::kScaleSize] = {};
    for (const auto& sc : s_.scenarios) {
      auto l = residual ? sc.residual_likelihood : sc.likelihood;
      auto i = residual ? sc.residual_impact : sc.impact;
      if (l && i && *l >= 0 && *l < domain::kScaleSize && *i >= 0 && *i < domain::kScaleSize) ++counts[*l][*i];
    }
    const double cell = 44, label_w = 110, label_h = 30, top = 18;
    const double height = top + cell * domain::kScaleSize + label_h + 16;
    flow_.KeepRoom(height + 30);
    flow_.Heading(title, 3);
    flow_.Block(height, [&](cairo_t* cr, double x, double y0, double w) {
      const double y = y0 + top;
      const double gx = flow_.Rtl() ? x + w - label_w - cell * domain::kScaleSize : x + label_w;
      // Impact grows away from the likelihood labels: rightwards, or leftwards in a right-to-left document.
      auto column_x = [&](int i) { return gx + (flow_.Rtl() ? domain::kScaleSize - 1 - i : i) * cell; };
      for (int l = 0; l < domain::kScaleSize; ++l) {
        const double cy = y + (domain::kScaleSize - 1 - l) * cell;
        const double lx = flow_.Rtl() ? gx + cell * domain::kScaleSize + 6 : x;
        flow_.TextAt(Term(lang_, "lik.", m_.likelihoods[l]), lx, cy + cell / 2 - 10, label_w - 6, {.size = 7.5},
                     Align::kEnd);
        for (int i = 0; i < domain::kScaleSize; ++i) {
          const int level = domain::RiskIndex(m_, l, i);
          const double cx = column_x(i);
          cairo_rectangle(cr, cx, cy, cell, cell);
          cairo_set_source_rgb(cr, kLevelFill[level].r, kLevelFill[level].g, kLevelFill[level].b);
          cairo_fill_preserve(cr);
          cairo_set_source_rgb(cr, 1, 1, 1);
          cairo_set_line_width(cr, 1.5);
          cairo_stroke(cr);
          const TextStyle t{.size = counts[l][i] ? 14.0 : 7.0, .bold = counts[l][i] > 0, .color = kLevelText[level]};
          const std::string text = counts[l][i] ? std::to_string(counts[l][i]) : Level(level);
          flow_.TextAt(text, cx + 2, cy + (counts[l][i] ? cell / 2 - 10 : cell / 2 - 9), cell - 4, t, Align::kCenter);
        }
      }
      const double by = y + cell * domain::kScaleSize + 4;
      for (int i = 0; i < domain::kScaleSize; ++i)
        flow_.TextAt(Term(lang_, "imp.", m_.impacts[i]), column_x(i), by, cell, {.size = 7.5}, Align::kCenter);
      flow_.TextAt(L("rate.impact") + (flow_.Rtl() ? " \u2190" : " \u2192"), gx, by + 13, cell * domain::kScaleSize, {.size = 8, .bold = true},
                   Align::kCenter);
      flow_.TextAt(L("rate.likelihood") + " \u2191", flow_.Rtl() ? gx + cell * domain::kScaleSize + 6 : x, y0,
                   label_w, {.size = 8, .bold = true}, Align::kEnd);
    });
  }

  void Heatmaps() {
    flow_.NewPage();
    Section(5 + s_.scenarios.size());
    flow_.Space(8);
    Heatmap(L("doc.heatmap_current"), false);
    Heatmap(L("doc.heatmap_residual"), true);
  }

  void Acceptability() {
    Section(6 + s_.scenarios.size());
    if (s_.programmes.empty()) {
      flow_.Paragraph(L("doc.no_programmes"));
      return;
    }
    std::vector<std::vector<TableCell>> rows;
    for (const auto& p : s_.programmes) {
      // The highest residual among the scenarios that concern the activity (all when none is
      // linked), as the decisions judge it (service/decisions/acceptance.cpp); the SRA's overall
      // levels when none of them is rated.
      std::optional<int> residual, current;
      for (const auto& sc : s_.scenarios) {
        if (!p.scenario_ids.empty() &&
            std::find(p.scenario_ids.begin(), p.scenario_ids.end(), sc.id) == p.scenario_ids.end())
          continue;
        if (!sc.residual_level) continue;
        residual = std::max(residual.value_or(0), *sc.residual_level);
        current = std::max(current.value_or(0), sc.current_level.value_or(*sc.residual_level));
      }
      if (!residual) {
        residual = s_.overall_residual;
        current = s_.overall_current ? s_.overall_current : residual;
      }
      auto org = in_.organization_names.find(p.organization_id);
      std::vector<TableCell> row{{org == in_.organization_names.end() ? p.organization_id : org->second},
                                 {p.activity},
                                 {"PC" + std::to_string(p.pc), {}, true},
                                 LevelCell(residual)};
      if (residual && p.pc >= 1 && p.pc <= 4) {
        const auto a = domain::AcceptableFor(m_, p.pc, *residual, current.value_or(*residual));
        row.push_back({Level(m_.pc_max_acceptable[p.pc - 1])});
        row.push_back({L(std::string("doc.decision.") + domain::DecisionName(a.decision)), {}, true});
      } else {
        row.push_back({"\u2014"});
        row.push_back({L("doc.not_rated")});
      }
      rows.push_back(std::move(row));
    }
    flow_.Table({0.17, 0.25, 0.08, 0.14, 0.14, 0.22},
                {{L("doc.organization")}, {L("doc.activity")}, {L("doc.pc")}, {L("view.residual")}, {L("doc.limit")},
                 {L("doc.decision")}},
                rows);
  }

  void Audit() {
    Section(7 + s_.scenarios.size());
    flow_.Paragraph(LabelWith(lang_, "doc.audit_total", "n", std::to_string(in_.audit_total)));
    if (in_.audit.empty()) return;
    if (static_cast<int64_t>(in_.audit.size()) < in_.audit_total)
      flow_.Paragraph(LabelWith(lang_, "doc.audit_shown", "n", std::to_string(in_.audit.size())));
    std::vector<std::vector<TableCell>> rows;
    for (const auto& a : in_.audit) rows.push_back({{DateTime(a.at)}, {a.who}, {Term(lang_, "role.", a.role)}, {a.action}});
    flow_.Table({0.22, 0.22, 0.22, 0.34},
                {{L("view.audit_when")}, {L("view.audit_who")}, {L("view.audit_role")}, {L("view.audit_action")}}, rows,
                8);
  }

  const SraDocumentInput& in_;
  const Sra& s_;
  const domain::MethodPack& m_;
  Language lang_;
  PdfFlow& flow_;
  const Layout& known_;
  std::vector<TocEntry> toc_;
  std::vector<Anchor> anchors_;
};

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

cairo_status_t Discard(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

}  // namespace

bool IsDraftDocument(domain::SraStatus s) {
  return s != domain::SraStatus::kPublished && s != domain::SraStatus::kSuperseded;
}

Result<std::string> RenderSraPdf(const SraDocumentInput& in) {
  if (!in.sra || !in.pack) return Internal("the SRA document needs the SRA and its methodology pack");
  const Language l = in.lang;
  PageDecor decor{in.marking.empty() ? kDefaultMarking : in.marking,
                  IsDraftDocument(in.sra->status) ? Label(l, "doc.draft") : "",
                  LabelWith(l, "doc.generated", "who", in.generated_by), Label(l, "doc.page"), Label(l, "doc.of"), 0};
  {
    const std::string when = DateTime(in.generated_at);
    decor.generated = LabelWith(l, "doc.generated", "who", in.generated_by);
    if (size_t p = decor.generated.find("{when}"); p != std::string::npos) decor.generated.replace(p, 6, when);
  }
  Layout known;
  std::string pdf;
  TextLayouts layouts(RightToLeft(l));
  for (int pass = 0; pass < 2; ++pass) {
    const bool draw = pass == 1;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(draw ? Append : Discard, draw ? &pdf : nullptr,
                                                                   PdfFlow::kPageWidth, PdfFlow::kPageHeight);
    if (draw) {
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                     (Label(l, "doc.title") + ": " + in.sra->title).c_str());
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, in.generated_by.c_str());
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "OpenSRM");
    }
    cairo_t* cr = cairo_create(surface);
    std::vector<Anchor> anchors;
    int pages = 0;
    {
      decor.total_pages = known.total_pages;
      PdfFlow flow(cr, decor, layouts, draw);
      Composer composer(in, flow, known);
      anchors = composer.Compose();
      pages = flow.Page();
      if (draw) {
        // The contents as the PDF's outline (bookmarks) too.
        const auto toc = Composer::Contents(in);
        int parent = CAIRO_PDF_OUTLINE_ROOT;
        for (size_t i = 0; i < toc.size() && i < anchors.size(); ++i) {
          char link[96];
          std::snprintf(link, sizeof link, "page=%d pos=[%.1f %.1f]", anchors[i].page, PdfFlow::kMargin, anchors[i].y);
          const int id = cairo_pdf_surface_add_outline(surface, toc[i].level == 1 ? CAIRO_PDF_OUTLINE_ROOT : parent,
                                                       Cut(toc[i].title, 80).c_str(), link,
                                                       static_cast<cairo_pdf_outline_flags_t>(0));
          if (toc[i].level == 1) parent = id;
        }
      }
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (st != CAIRO_STATUS_SUCCESS) return Internal(std::string("rendering the SRA document: ") + cairo_status_to_string(st));
    known.total_pages = pages;
    known.anchors = std::move(anchors);
  }
  return pdf;
}

}  // namespace srm::documents
