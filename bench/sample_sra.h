// The sample SRA the document and register benches render: N scenarios, each with a description,
// a vulnerability and three measures, ten programmes, every threat category and a written
// situation — the size of a large real assessment, so both benches measure the same input.
#pragma once

#include <algorithm>
#include <string>

#include "domain/method.h"
#include "domain/sra.h"

namespace srm::bench {

inline domain::Sra MakeSampleSra(const domain::MethodPack& pack, int scenarios) {
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
    for (int k = 0; k < 3; ++k) {
      domain::Measure m;
      m.id = "m" + std::to_string(k);
      m.type = k % 2 ? "mitigation" : "prevention";
      m.description = "Measure " + std::to_string(k + 1) + ": vehicle tracking, convoy rules and trauma kits";
      m.moss_category = pack.moss_categories[k % pack.moss_categories.size()];
      m.cost_minor = 250000;
      m.owner = "UNDSS";
      sc.measures.push_back(m);
    }
    s.scenarios.push_back(sc);
  }
  domain::Recompute(pack, &s);
  return s;
}

}  // namespace srm::bench
