// The SRA and evidence routes' own body readers (domain/sra_body_json.h, api/evidence_body_json.h),
// for fuzz_json_body: every reader gets the body. What a reader refuses must come back as an error
// value whose answer can be serialised; what it accepts must keep the promises the routes and the
// service rely on: texts within their limits, valid UTF-8 and free of control characters, the kind
// one of its values, the fixed fields gone from what is passed on, levels and periods in range.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>

#include "api/evidence_body_json.h"
#include "decision_bodies.h"
#include "domain/method.h"
#include "domain/sra_body_json.h"
#include "fuzz_support.h"

namespace srm::fuzz {

inline void SraAndEvidenceBodies(const domain::MethodPack& m, const nlohmann::json& j) {
  Decode(domain::SraCreateBodyFrom(j), [&](const domain::SraCreateBody& in) {
    AcceptedText(in.area_id, 64, "create area_id");
    Expect(!in.area_id.empty(), "create accepted an empty area_id");
    if (in.organization_id) AcceptedText(*in.organization_id, 64, "create organization_id");
    if (in.kind) Expect(*in.kind == domain::SraKind::kArea || *in.kind == domain::SraKind::kSpecific, "create kind");
    for (const char* k : {"area_id", "kind", "organization_id"})
      Expect(!in.fields.contains(k), "create passed a fixed field on to the header reader", k);
    Expect(in.fields.contains("title"), "create accepted a body without a title");
  });
  Decode(domain::SraEditBodyFrom(j), [&](const domain::SraEditBody& in) {
    Expect(!in.fields.contains("revision"), "edit passed the revision on to the header reader");
    for (const char* k : {"area_id", "kind", "organization_id"}) Expect(!in.fields.contains(k), "edit accepted", k);
    if (in.revision) Expect(j["revision"].is_number_integer(), "edit accepted a revision that is not an integer");
  });
  Decode(domain::RevisionFrom(j), [&](const std::optional<int64_t>& r) {
    if (r) Expect(j.is_object() && j.contains("revision"), "a revision read from nowhere");
  });
  Decode(domain::SraTransitionBodyFrom(j), [&](const domain::SraTransitionBody& in) {
    Expect(domain::ActionFromName(domain::ActionName(in.action)) == in.action, "a step that is no step");
    AcceptedText(in.comment, 5000, "transition comment");
    if (in.revision) Expect(j["revision"].is_number_integer(), "a transition revision that is not an integer");
  });
  Decode(domain::RiskRatingFrom(m, j), [&](const domain::RiskRating& r) {
    Expect(r.likelihood >= 0 && r.likelihood < domain::kScaleSize && r.impact >= 0 && r.impact < domain::kScaleSize,
           "a scale index out of range was accepted");
    const int level = domain::RiskIndex(m, r.likelihood, r.impact);
    Expect(level >= 0 && level < domain::kRiskLevels, "a risk level out of range");
  });
  Decode(api::ImportBodyFrom(j), [&](const api::ImportBody& in) {
    Expect(!in.csv.empty(), "an import accepted without a file");
    AcceptedText(in.csv, SIZE_MAX, "import csv");
    if (in.file_name) AcceptedText(*in.file_name, 200, "import file_name");
    if (in.areas) AcceptedText(*in.areas, 200, "import areas");
    if (in.mapping_json) {
      const auto mapping = nlohmann::json::parse(*in.mapping_json, nullptr, false);
      Expect(mapping.is_object(), "an import mapping that is not an object", *in.mapping_json);
    }
  });
  Decode(api::ScenarioEvidenceQueryFrom(j), [&](const api::ScenarioEvidenceQuery& q) {
    AcceptedText(q.threat_category, 64, "scenario-evidence threat_category");
    Expect(q.period_days == 0 || (q.period_days >= 1 && q.period_days <= 3650), "scenario-evidence period_days");
    for (const auto* list : {&q.filter.event_types, &q.filter.actor_types, &q.filter.keywords})
      for (const auto& s : *list) Utf8(s, "scenario-evidence filter");
  });
}

}  // namespace srm::fuzz
