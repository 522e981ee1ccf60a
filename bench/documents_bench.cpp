// bench/documents.sh: how long the SRA document takes to render, in process (no HTTP, no store):
// an SRA of N scenarios (default 200), each with a description, a vulnerability and three measures,
// ten programmes, every threat category and thirty audit lines, rendered R times (default 5) in
// English and in Arabic. Prints the median and the slowest, the page count and the size.
// Run: ./build/bench/documents_bench [SCENARIOS] [ROUNDS] [OUT.pdf]   (OUT: the English document, to look at)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "timing.h"
#include "documents/sra_document.h"

using namespace srm;

namespace {

domain::Sra MakeSra(const domain::MethodPack& pack, int scenarios) {
  domain::Sra s;
  s.id = "sra_bench";
  s.title = "Sanjar area SRA";
  s.version = 4;
  s.status = domain::SraStatus::kPublished;
  s.method_version = pack.version;
  s.scope = {"2026-01-01", "2026-12-31", "periodic_review"};
  for (const auto& f : pack.situation_fields)
    s.situation[f] = "The " + f + " situation in the area: several paragraphs of analysis that the assessor wrote, "
                     "naming actors, places and dates, long enough to wrap over a few lines of the page.";
  for (int i = 0; i < 10; ++i) {
    domain::ProgrammeAssessment p;
    p.organization_id = "org_" + std::to_string(i % 4);
    p.activity = "Programme activity " + std::to_string(i + 1) + ": distribution and monitoring visits";
    p.pc = 1 + i % 4;
    p.international = 3 + i;
    p.national = 20 + i;
    s.programmes.push_back(p);
  }
  for (const auto& c : pack.threat_categories) {
    domain::ThreatRating t;
    t.category = c.key;
    t.intent = 3;
    t.capability = 4;
    t.inhibiting = 2;
    t.evidence = "Incidents recorded over the last twelve months in the area and its neighbours.";
    s.threats.push_back(t);
  }
  for (int i = 0; i < scenarios; ++i) {
    domain::Scenario sc;
    sc.id = "sc" + std::to_string(i);
    sc.title = "Scenario " + std::to_string(i + 1) + ": armed robbery of a vehicle at a checkpoint";
    sc.threat_category = pack.threat_categories[i % pack.threat_categories.size()].key;
    sc.description = "Armed men stop a UN vehicle at an improvised checkpoint on the road between the port and "
                     "the city, take the vehicle and the equipment, and may harm the passengers.";
    sc.vulnerability = domain::Vulnerability{"Drivers and passengers of UN vehicles",
                                             "Predictable routes and times; no tracking on some vehicles",
                                             "Radio checks every hour; movement control"};
    sc.likelihood = i % 5;
    sc.impact = (i / 5) % 5;
    sc.residual_likelihood = std::max(0, i % 5 - 1);
    sc.residual_impact = std::max(0, (i / 5) % 5 - 1);
    for (int m = 0; m < 3; ++m) {
      domain::Measure me;
      me.id = "m" + std::to_string(m);
      me.type = m % 2 ? "mitigation" : "prevention";
      me.description = "Measure " + std::to_string(m + 1) + ": vary routes and times, convoy rules";
      me.moss_category = "vehicles";
      me.cost_minor = 150000;
      me.owner = "Field security";
      sc.measures.push_back(me);
    }
    s.scenarios.push_back(sc);
  }
  domain::Recompute(pack, &s);
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  const int scenarios = argc > 1 ? std::atoi(argv[1]) : 200;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
  auto pack = domain::ParseMethodPack(domain::DefaultMethodPackJson());
  if (!pack) return 1;
  const domain::Sra sra = MakeSra(*pack, scenarios);
  for (auto lang : {documents::Language::kEn, documents::Language::kAr}) {
    documents::SraDocumentInput in;
    in.sra = &sra;
    in.pack = &*pack;
    in.lang = lang;
    in.area_name = "Sanjar";
    in.country_name = "Carana";
    for (const char* a : {"submit", "review", "endorse", "approve"})
      in.approvals.push_back({a, "Samir Security Professional", "security_professional", "2026-01-10T09:00:00Z", ""});
    for (int i = 0; i < 30; ++i) in.audit.push_back({"2026-01-10T09:00:00Z", "sp", "security_professional", "sra.update"});
    in.audit_total = 120;
    in.generated_by = "Bench";
    in.generated_at = "2026-02-01T08:00:00Z";
    size_t bytes = 0;
    std::string first;  // the first round's PDF, written out after the timing
    const bench::Timing t = bench::TimeRounds(rounds, [&](int r) {
      auto pdf = documents::RenderSraPdf(in);
      if (!pdf) {
        std::fprintf(stderr, "render failed: %s\n", pdf.error().message.c_str());
        return false;
      }
      bytes = pdf->size();
      if (r == 0) first = std::move(*pdf);
      return true;
    });
    if (!t.ok) return 1;
    if (argc > 3 && lang == documents::Language::kEn) std::ofstream(argv[3], std::ios::binary) << first;
    std::printf("pdf lang=%s scenarios=%d rounds=%d median_ms=%.0f max_ms=%.0f bytes=%zu\n",
                documents::LanguageCode(lang), scenarios, rounds, t.median_ms, t.max_ms, bytes);
  }
  return 0;
}
