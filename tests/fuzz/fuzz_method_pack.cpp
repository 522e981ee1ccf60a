// A methodology pack as text (srm method install FILE, POST /api/v1/methods), through the
// validator (domain/method.cpp). A refused pack must come back as an error value; an accepted one
// must be usable everywhere the server uses a pack: its tables in range, GET /method serialisable,
// its stored form (source_json) accepted again as the same pack, the threat formula defined for
// every rating, and the evidence category table usable by the importer.
#include <nlohmann/json.hpp>

#include "domain/method.h"
#include "domain/sra_json.h"
#include "evidence/formats.h"
#include "fuzz_support.h"

using namespace srm;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto pack = domain::ParseMethodPack(text);
  if (!pack) {
    fuzz::ErrorReply(pack.error());
    return 0;
  }
  const domain::MethodPack& m = *pack;
  fuzz::Expect(!m.version.empty() && m.version.size() <= 64, "an accepted pack has a bad version", m.version);
  for (int l = 0; l < domain::kScaleSize; ++l)
    for (int i = 0; i < domain::kScaleSize; ++i) {
      const int r = domain::RiskIndex(m, l, i);
      fuzz::Expect(r >= 0 && r < domain::kRiskLevels, "the risk matrix holds a level out of range", m.source_json);
    }
  for (int pc = 0; pc < 4; ++pc)
    fuzz::Expect(m.pc_max_acceptable[pc] >= 0 && m.pc_max_acceptable[pc] < domain::kRiskLevels,
                 "pc_max_acceptable out of range", m.source_json);
  for (int a = 1; a <= 5; ++a)
    for (int b = 1; b <= 5; ++b)
      for (int c = 1; c <= 5; ++c) {
        const int t = domain::ThreatLevel(m, a, b, c);
        fuzz::Expect(t >= 1 && t <= 5, "a threat level out of 1..5", m.source_json);
      }
  (void)fuzz::MustDump(domain::MethodToJson(m), "GET /method cannot serialise an accepted pack");
  // The store keeps source_json and parses it again at every start.
  auto again = domain::ParseMethodPack(m.source_json);
  if (!again) fuzz::Finding("an accepted pack's stored form is refused", again.error().message + "\n" + m.source_json);
  fuzz::Expect(again->source_json == m.source_json && again->version == m.version,
               "an accepted pack reads back different", m.source_json);
  // The importer's category table.
  evidence::CategoryMapper mapper(m.evidence);
  for (const auto& [vocabulary, rules] : m.evidence.category_rules) {
    for (const auto& r : rules) {
      auto out = mapper.Map(vocabulary, r.event_types.empty() ? "x" : r.event_types.front(),
                            r.sub_event_types.empty() ? "" : r.sub_event_types.front(),
                            r.actor_types.empty() ? "" : r.actor_types.front());
      fuzz::Expect(out.mapped, "a category rule does not match its own values", vocabulary);
      fuzz::Expect(out.category.empty() || domain::IsThreatCategory(m, out.category),
                   "a category rule names an unknown threat category", out.category);
    }
  }
  return 0;
}
