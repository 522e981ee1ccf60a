// The decision routes' request bodies (api/decision_json.h), for fuzz_json_body: every parser gets
// the body. What a parser refuses must come back as an error value whose answer can be serialised;
// what it accepts must keep the promises the service relies on (service/decisions.h "inputs"):
// dates are real days in canonical form, texts are within their limits, valid UTF-8 and free of
// control characters, the enumerated fields hold one of their values.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>

#include "api/decision_json.h"
#include "core/calendar.h"
#include "core/strict_json.h"
#include "fuzz_support.h"

namespace srm::fuzz {

// Text an accepted body carries.
inline void AcceptedText(const std::string& s, size_t max_len, const char* what) {
  Expect(s.size() <= max_len, what, "longer than its limit");
  Utf8(s, what);
  for (unsigned char c : s) Expect(c >= 0x20 || c == '\n' || c == '\r' || c == '\t', what, "control character");
}

// A date an accepted body carries: "" only where the field is optional, else a real day in the form
// the calendar prints.
inline void AcceptedDate(const std::string& d, bool optional, const char* what) {
  if (d.empty()) {
    Expect(optional, what, "a required date is empty");
    return;
  }
  const auto day = calendar::ParseIsoDate(d);
  Expect(day.has_value(), what, d);
  Expect(calendar::FormatIsoDate(*day) == d, what, "not canonical: " + d);
}

inline void OneOf(const std::string& s, std::initializer_list<const char*> allowed, const char* what) {
  for (const char* a : allowed)
    if (s == a) return;
  Finding(what, s);
}

template <typename T, typename Accepted>
void Decode(const Result<T>& r, Accepted accepted) {
  if (!r) ErrorReply(r.error());
  else accepted(*r);
}

inline void DecisionBodies(const nlohmann::json& j) {
  Decode(api::ClearanceInputFrom(j), [](const service::ClearanceInput& in) {
    if (in.traveller) {
      AcceptedText(in.traveller->name, 200, "clearance traveller.name");
      AcceptedText(in.traveller->user_id, 64, "clearance traveller.user_id");
    }
    AcceptedText(in.organization_id, 64, "clearance organization_id");
    AcceptedText(in.activity, 200, "clearance activity");
    AcceptedText(in.programme_id, 64, "clearance programme_id");
    AcceptedText(in.mission_ref, 100, "clearance mission_ref");
    AcceptedText(in.purpose, 2000, "clearance purpose");
    Expect(in.legs.size() <= static_cast<size_t>(service::DecisionService::kMaxLegs), "too many legs accepted");
    if (in.legs_refusal) ErrorReply(*in.legs_refusal);
    else Expect(!in.legs.empty(), "a clearance without legs and without a refusal");
    for (const auto& l : in.legs) {
      AcceptedText(l.area_id, 64, "leg area_id");
      Expect(!strict_json::Blank(l.area_id), "a leg without an area");
      AcceptedDate(l.from, false, "leg from");
      AcceptedDate(l.to, false, "leg to");
    }
  });
  Decode(api::LegDecisionInputFrom(j), [](const service::LegDecisionInput& in) {
    AcceptedText(in.action, 16, "leg decision action");
    AcceptedText(in.comment, 5000, "leg decision comment");
  });
  Decode(api::EgsInputFrom(j), [](const service::EgsInput& in) {
    AcceptedText(in.area_id, 64, "egs area_id");
    OneOf(in.decision, {"go", "no_go"}, "egs decision");
    AcceptedDate(in.from, false, "egs from");
    AcceptedDate(in.to, false, "egs to");
    AcceptedText(in.reason, 5000, "egs reason");
    Expect(!strict_json::Blank(in.reason), "an EGS decision without a reason");
    AcceptedText(in.meeting_ref, 200, "egs meeting_ref");
  });
  Decode(api::SpecificTransitionInputFrom(j), [](const service::SpecificTransitionInput& in) {
    OneOf(in.action, {"coordinate", "approve", "refuse"}, "specific SRA action");
    AcceptedText(in.comment, 5000, "specific SRA comment");
  });
  Decode(api::CommentFrom(j), [](const std::string& comment) { AcceptedText(comment, 5000, "comment"); });
  Decode(api::PcAssessmentInputFrom(j), [](const service::PcAssessmentInput& in) {
    AcceptedText(in.comment, 5000, "pc assessment comment");
  });
  Decode(api::AcceptanceInputFrom(j), [](const service::AcceptanceInput& in) {
    AcceptedText(in.reasons, 5000, "acceptance reasons");
    AcceptedText(in.conditions, 5000, "acceptance conditions");
    AcceptedDate(in.expires_on, true, "acceptance expires_on");
  });
  Decode(api::AvoidanceInputFrom(j), [](const service::AvoidanceInput& in) {
    AcceptedText(in.area_id, 64, "avoidance area_id");
    AcceptedText(in.kind, 32, "avoidance kind");
    AcceptedDate(in.from, false, "avoidance from");
    AcceptedDate(in.to, true, "avoidance to");
    AcceptedText(in.destination, 500, "avoidance destination");
    AcceptedText(in.reason, 5000, "avoidance reason");
    AcceptedText(in.personnel, 5000, "avoidance personnel");
    Expect(in.personnel_count >= 0 && in.personnel_count <= 1000000, "avoidance personnel_count out of range");
  });
  Decode(api::ComplianceItemInputFrom(j), [](const service::ComplianceItemInput& in) {
    AcceptedText(in.location_id, 64, "compliance location_id");
    AcceptedText(in.organization_id, 64, "compliance organization_id");
    AcceptedText(in.requirement, 2000, "compliance requirement");
    AcceptedText(in.moss_category, 64, "compliance moss_category");
    AcceptedDate(in.due_date, false, "compliance due_date");
    AcceptedText(in.owner, 200, "compliance owner");
  });
  Decode(api::ChecklistInputFrom(j), [](const service::ChecklistInput& in) {
    AcceptedText(in.location_id, 64, "checklist location_id");
    AcceptedText(in.organization_id, 64, "checklist organization_id");
    AcceptedText(in.owner, 200, "checklist owner");
    if (in.due_date) AcceptedDate(*in.due_date, false, "checklist due_date");
  });
  Decode(api::ComplianceUpdateInputFrom(j), [](const service::ComplianceUpdateInput& in) {
    Expect(in.status || in.evidence || in.comment || in.due_date || in.owner || in.revision,
           "a compliance update that changes nothing was accepted");
    if (in.status) AcceptedText(*in.status, 32, "compliance update status");
    if (in.evidence) AcceptedText(*in.evidence, 2000, "compliance update evidence");
    if (in.comment) AcceptedText(*in.comment, 2000, "compliance update comment");
    if (in.owner) AcceptedText(*in.owner, 200, "compliance update owner");
    if (in.due_date) AcceptedDate(*in.due_date, false, "compliance update due_date");
  });
}

}  // namespace srm::fuzz
