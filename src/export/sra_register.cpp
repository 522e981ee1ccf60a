#include "export/sra_register.h"

#include <algorithm>

#include "domain/acceptability.h"

namespace srm::exports {

namespace {

std::string Level(const domain::MethodPack& m, Language lang, std::optional<int> index) {
  if (!index || *index < 0 || *index >= domain::kRiskLevels) return {};
  return documents::Term(lang, "level.", m.risk_levels[*index]);
}
Cell LevelCell(const domain::MethodPack& m, Language lang, std::optional<int> index) {
  return index ? Cell::Level(*index, Level(m, lang, index)) : Cell::Empty();
}
Cell ScaleCell(const std::array<std::string, domain::kScaleSize>& names, Language lang, const char* prefix,
               std::optional<int> index) {
  if (!index || *index < 0 || *index >= domain::kScaleSize) return Cell::Empty();
  return Cell::Text(documents::Term(lang, prefix, names[*index]));
}
std::string OrgName(const RegisterContext& ctx, const std::string& id) {
  auto it = ctx.organizations.find(id);
  return it == ctx.organizations.end() ? id : it->second;
}

Status AboutSheet(TableSink& out, const domain::MethodPack& m, const domain::Sra& s, const RegisterContext& ctx) {
  const Language l = ctx.lang;
  SRM_TRY(out.StartTable(Word(l, "xl.sheet.about"), {{Word(l, "xl.field"), 28}, {Word(l, "xl.value"), 70}}));
  auto row = [&](std::string_view key, Cell v) { return out.Row({Cell::Text(Word(l, key)), std::move(v)}); };
  SRM_TRY(row("xl.title", Cell::Text(s.title)));
  SRM_TRY(row("view.area", Cell::Text(ctx.area_name.empty() ? s.area_id : ctx.area_name)));
  SRM_TRY(row("doc.country", Cell::Text(ctx.country_name.empty() ? s.country_id : ctx.country_name)));
  SRM_TRY(row("doc.kind", Cell::Text(documents::Term(l, "kind.", domain::KindName(s.kind)))));
  SRM_TRY(row("doc.version", Cell::Number(s.version)));
  SRM_TRY(row("view.status", Cell::Text(documents::Term(l, "status.", domain::StatusName(s.status)))));
  SRM_TRY(row("view.period", Cell::Text(s.scope.from_date + " – " + s.scope.to_date)));
  SRM_TRY(row("view.trigger", Cell::Text(documents::Term(l, "trigger.", s.scope.trigger))));
  SRM_TRY(row("doc.method", Cell::Text(s.method_version)));
  SRM_TRY(row("view.threat", s.overall_threat ? Cell::Number(*s.overall_threat) : Cell::Empty()));
  SRM_TRY(row("doc.overall_current", LevelCell(m, l, s.overall_current)));
  SRM_TRY(row("doc.overall_residual", LevelCell(m, l, s.overall_residual)));
  SRM_TRY(row("view.published_at", Cell::Text(s.published_at)));
  SRM_TRY(row("view.review_due", Cell::Text(s.review_due)));
  SRM_TRY(row("xl.valid_until", Cell::Text(ctx.valid_until)));
  SRM_TRY(row("xl.generated_by", Cell::Text(ctx.requester)));
  SRM_TRY(row("xl.generated_at", Cell::Text(ctx.generated_at)));
  SRM_TRY(row("xl.marking", Cell::Text(ctx.marking)));
  return {};
}

Status ScenarioSheet(TableSink& out, const domain::MethodPack& m, const domain::Sra& s, const RegisterContext& ctx) {
  const Language l = ctx.lang;
  SRM_TRY(out.StartTable(Word(l, "xl.sheet.scenarios"),
                         {{Word(l, "xl.no"), 6},
                          {Word(l, "xl.scenario"), 30},
                          {Word(l, "doc.category"), 18},
                          {Word(l, "doc.description"), 40},
                          {Word(l, "doc.exposed"), 30},
                          {Word(l, "doc.weaknesses"), 30},
                          {Word(l, "doc.existing_measures"), 30},
                          {Word(l, "rate.likelihood"), 16},
                          {Word(l, "rate.impact"), 14},
                          {Word(l, "xl.current_level"), 16},
                          {Word(l, "xl.measures_list"), 50},
                          {Word(l, "xl.residual_likelihood"), 16},
                          {Word(l, "xl.residual_impact"), 14},
                          {Word(l, "xl.residual_level"), 16}}));
  int n = 0;
  for (const auto& sc : s.scenarios) {
    std::string measures;
    for (const auto& me : sc.measures) {
      if (!measures.empty()) measures += "\n";
      measures += documents::Term(l, "mtype.", me.type) + ": " + me.description;
    }
    const domain::Vulnerability v = sc.vulnerability.value_or(domain::Vulnerability{});
    SRM_TRY(out.Row({Cell::Number(++n), Cell::Text(sc.title), Cell::Text(documents::Term(l, "cat.", sc.threat_category)),
                     Cell::Text(sc.description), Cell::Text(v.exposed), Cell::Text(v.weaknesses),
                     Cell::Text(v.existing_measures), ScaleCell(m.likelihoods, l, "lik.", sc.likelihood),
                     ScaleCell(m.impacts, l, "imp.", sc.impact), LevelCell(m, l, sc.current_level), Cell::Text(measures),
                     ScaleCell(m.likelihoods, l, "lik.", sc.residual_likelihood),
                     ScaleCell(m.impacts, l, "imp.", sc.residual_impact), LevelCell(m, l, sc.residual_level)}));
  }
  return {};
}

Status MeasureSheet(TableSink& out, const domain::MethodPack& m, const domain::Sra& s, const RegisterContext& ctx) {
  const Language l = ctx.lang;
  SRM_TRY(out.StartTable(Word(l, "xl.sheet.measures"),
                         {{Word(l, "xl.no"), 6},
                          {Word(l, "xl.scenario"), 30},
                          {Word(l, "doc.type"), 14},
                          {Word(l, "doc.description"), 50},
                          {Word(l, "xl.moss"), 20},
                          {Word(l, "doc.cost"), 12},
                          {Word(l, "xl.currency"), 10},
                          {Word(l, "doc.owner"), 20},
                          {Word(l, "doc.measure_status"), 14},
                          {Word(l, "xl.residual_level"), 16}}));
  int n = 0;
  for (const auto& sc : s.scenarios) {
    ++n;
    for (const auto& me : sc.measures)
      SRM_TRY(out.Row({Cell::Number(n), Cell::Text(sc.title), Cell::Text(documents::Term(l, "mtype.", me.type)),
                       Cell::Text(me.description), Cell::Text(documents::Term(l, "moss.", me.moss_category)),
                       Cell::Number(static_cast<double>(me.cost_minor) / 100), Cell::Text(me.currency), Cell::Text(me.owner),
                       Cell::Text(documents::Term(l, "mstatus.", me.status)), LevelCell(m, l, sc.residual_level)}));
  }
  return {};
}

Status ThreatSheet(TableSink& out, const domain::MethodPack& m, const domain::Sra& s, const RegisterContext& ctx) {
  const Language l = ctx.lang;
  SRM_TRY(out.StartTable(Word(l, "xl.sheet.threats"),
                         {{Word(l, "doc.category"), 22},
                          {Word(l, "thr.intent") + " / " + Word(l, "thr.frequency"), 16},
                          {Word(l, "thr.capability") + " / " + Word(l, "thr.magnitude"), 16},
                          {Word(l, "thr.inhibiting") + " / " + Word(l, "thr.preparedness"), 18},
                          {Word(l, "thr.level"), 12},
                          {Word(l, "doc.evidence"), 50},
                          {Word(l, "xl.not_applicable"), 40}}));
  for (const auto& t : s.threats) {
    const std::string cat = documents::Term(l, "cat.", t.category);
    if (t.not_applicable) {
      SRM_TRY(out.Row({Cell::Text(cat), Cell::Empty(), Cell::Empty(), Cell::Empty(), Cell::Empty(), Cell::Text(t.evidence),
                       Cell::Text(t.not_applicable_reason.empty() ? Word(l, "xl.yes") : t.not_applicable_reason)}));
      continue;
    }
    // Threat levels run 1..5 and are painted as the UI paints them (tl-N: the colour of risk level N-1).
    SRM_TRY(out.Row({Cell::Text(cat), Cell::Number(t.intent), Cell::Number(t.capability), Cell::Number(t.inhibiting),
                     Cell::Level(t.level - 1, std::to_string(t.level)), Cell::Text(t.evidence), Cell::Empty()}));
  }
  return {};
}

Status AcceptabilitySheet(TableSink& out, const domain::MethodPack& m, const domain::Sra& s,
                          const RegisterContext& ctx) {
  const Language l = ctx.lang;
  SRM_TRY(out.StartTable(Word(l, "xl.sheet.acceptability"),
                         {{Word(l, "doc.organization"), 20},
                          {Word(l, "doc.activity"), 30},
                          {Word(l, "doc.pc"), 8},
                          {Word(l, "xl.international"), 12},
                          {Word(l, "xl.national"), 12},
                          {Word(l, "xl.on_mission"), 12},
                          {Word(l, "doc.limit"), 16},
                          {Word(l, "xl.current_level"), 16},
                          {Word(l, "xl.residual_level"), 16},
                          {Word(l, "xl.acceptable"), 12},
                          {Word(l, "doc.decision"), 26},
                          {Word(l, "xl.reason_code"), 50}}));
  for (const auto& p : s.programmes) {
    const AcceptabilityBasis b = BasisFor(s, p);
    std::vector<Cell> row{Cell::Text(OrgName(ctx, p.organization_id)), Cell::Text(p.activity),
                          Cell::Text("PC" + std::to_string(p.pc)), Cell::Number(p.international),
                          Cell::Number(p.national), Cell::Number(p.on_mission)};
    if (p.pc >= 1 && p.pc <= 4) row.push_back(LevelCell(m, l, m.pc_max_acceptable[p.pc - 1]));
    else row.push_back(Cell::Empty());
    if (!b.residual || p.pc < 1 || p.pc > 4) {
      row.insert(row.end(), {Cell::Empty(), Cell::Empty(), Cell::Empty(), Cell::Empty(), Cell::Text(Word(l, "doc.not_rated"))});
    } else {
      const domain::Acceptability a = domain::AcceptableFor(m, p.pc, *b.residual, b.current.value_or(*b.residual));
      row.push_back(LevelCell(m, l, b.current));
      row.push_back(LevelCell(m, l, b.residual));
      row.push_back(Cell::Text(Word(l, a.acceptable ? "xl.yes" : "xl.no_word")));
      row.push_back(Cell::Text(Word(l, std::string("doc.decision.") + domain::DecisionName(a.decision))));
      row.push_back(Cell::Text(a.reason));
    }
    SRM_TRY(out.Row(row));
  }
  return {};
}

}  // namespace

AcceptabilityBasis BasisFor(const domain::Sra& s, const domain::ProgrammeAssessment& prog) {
  AcceptabilityBasis b;
  const auto& linked = prog.scenario_ids;
  for (const auto& sc : s.scenarios) {
    if (!linked.empty() && std::find(linked.begin(), linked.end(), sc.id) == linked.end()) continue;
    if (!sc.residual_level) continue;
    b.residual = std::max(b.residual.value_or(0), *sc.residual_level);
    b.current = std::max(b.current.value_or(0), sc.current_level.value_or(*sc.residual_level));
  }
  if (!b.residual) {
    b.residual = s.overall_residual;
    b.current = s.overall_current ? s.overall_current : b.residual;
  }
  return b;
}

Status WriteSraRegister(TableSink& out, const domain::MethodPack& pack, const domain::Sra& sra,
                        const RegisterContext& ctx) {
  SRM_TRY(AboutSheet(out, pack, sra, ctx));
  SRM_TRY(ScenarioSheet(out, pack, sra, ctx));
  SRM_TRY(MeasureSheet(out, pack, sra, ctx));
  SRM_TRY(ThreatSheet(out, pack, sra, ctx));
  SRM_TRY(AcceptabilitySheet(out, pack, sra, ctx));
  return out.Finish();
}

Status WriteCountryRegister(TableSink& out, const std::vector<CountryArea>& areas, const RegisterContext& ctx) {
  const Language l = ctx.lang;
  SRM_TRY(out.StartTable(Word(l, "xl.sheet.country"),
                         {{Word(l, "view.area"), 22},
                          {Word(l, "xl.in_force"), 30},
                          {Word(l, "doc.version"), 9},
                          {Word(l, "xl.valid_until"), 13},
                          {Word(l, "doc.overall_residual"), 16},
                          {Word(l, "xl.no"), 6},
                          {Word(l, "xl.scenario"), 30},
                          {Word(l, "doc.category"), 18},
                          {Word(l, "rate.likelihood"), 16},
                          {Word(l, "rate.impact"), 14},
                          {Word(l, "xl.current_level"), 16},
                          {Word(l, "xl.residual_level"), 16}}));
  for (const auto& a : areas) {
    if (a.sra == nullptr || a.pack == nullptr) {
      SRM_TRY(out.Row({Cell::Text(a.area_name), Cell::Text(Word(l, "xl.no_sra"))}));
      continue;
    }
    const domain::Sra& s = *a.sra;
    const domain::MethodPack& m = *a.pack;
    std::vector<Cell> head{Cell::Text(a.area_name), Cell::Text(s.title), Cell::Number(s.version),
                           Cell::Text(a.valid_until), LevelCell(m, l, s.overall_residual)};
    if (s.scenarios.empty()) {
      SRM_TRY(out.Row(head));
      continue;
    }
    int n = 0;
    for (const auto& sc : s.scenarios) {
      std::vector<Cell> row = head;  // repeated on every line, so a filter on the area keeps its scenarios
      row.insert(row.end(), {Cell::Number(++n), Cell::Text(sc.title), Cell::Text(documents::Term(l, "cat.", sc.threat_category)),
                             ScaleCell(m.likelihoods, l, "lik.", sc.likelihood), ScaleCell(m.impacts, l, "imp.", sc.impact),
                             LevelCell(m, l, sc.current_level), LevelCell(m, l, sc.residual_level)});
      SRM_TRY(out.Row(row));
    }
  }
  return out.Finish();
}

std::string RegisterFileName(std::string_view kind, std::string_view area, int version, std::string_view requester,
                             std::string_view ext) {
  auto clean = [](std::string_view s) {
    std::string out;
    for (char ch : s) {
      const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
                      ch == '_' || ch == '-';
      if (ok) out += ch;
      else if (out.empty() || out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    while (!out.empty() && out.front() == '-') out.erase(0, 1);
    return out.empty() ? std::string("x") : out.substr(0, 60);
  };
  std::string name = clean(kind) + "-" + clean(area);
  if (version > 0) name += "-v" + std::to_string(version);
  name += "-" + clean(requester) + "." + std::string(ext);
  return name;
}

}  // namespace srm::exports
