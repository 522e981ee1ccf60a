// The shared fixture of the decision API tests (decisions_test.cpp, decisions_compliance_test.cpp):
// one server with the Carana demo data per test suite, dates relative to today, and builders for
// legs, complete SRAs and assessed programmes.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <set>

#include "complete_sra.h"
#include "test_server.h"

namespace srm::testing {
namespace {

[[maybe_unused]] std::string Date(int days_from_today) {
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  return FormatTimestamp(now + days_from_today * int64_t{86'400'000}).substr(0, 10);
}

[[maybe_unused]] json Leg(const std::string& area, int from, int to) { return {{"area_id", area}, {"from", Date(from)}, {"to", Date(to)}}; }

class DecisionsTest : public SharedServerTest<DecisionsTest> {
 protected:
  static HttpResult Get(const std::string& path, const std::string& user) { return S().Call("GET", path, json(), T(user)); }
  static HttpResult Post(const std::string& path, const json& body, const std::string& user) {
    return S().Call("POST", path, body, T(user));
  }

  static HttpResult Act(const std::string& id, const std::string& action, const std::string& user) {
    return Post("/api/v1/sras/" + id + "/transitions", json{{"action", action}, {"comment", "ok"}}, user);
  }
  static void Publish(const std::string& id, const std::string& drafter = "sp") {
    for (auto [a, u] : {std::pair{"submit", "sp"}, {"review", "cell"}, {"endorse", "smt"}, {"approve", "dss"}}) {
      auto r = Act(id, a, std::string(a) == "submit" ? drafter : std::string(u));
      ASSERT_EQ(r.status, 200) << a << ": " << r.raw;
    }
  }
  // A published SRA with one scenario rated likelihood x impact (residual = current unless given).
  static std::string PublishedSra(const std::string& area, const std::string& likelihood, const std::string& impact,
                                  json extra = json::object(), const std::string& residual_likelihood = "",
                                  const std::string& residual_impact = "") {
    json body{{"area_id", area},
              {"title", "Decisions test SRA " + area},
              {"scope", {{"from_date", Date(0)}, {"to_date", Date(360)}, {"trigger", "change_in_area"}}}};
    for (auto it = extra.begin(); it != extra.end(); ++it) body[it.key()] = it.value();
    // Agencies write their own specific SRAs (SRM-METHOD.md §7a): a security professional of the
    // organization drafts it; area SRAs are DSS's (sp).
    const std::string drafter = body.value("kind", "") == "specific" ? OrgProfessional(body["organization_id"]) : "sp";
    auto c = Post("/api/v1/sras", WithCompleteHeader(body), drafter);
    EXPECT_EQ(c.status, 201) << c.raw;
    const std::string id = c.body["id"];
    json sc{{"title", "Ambush on the road"}, {"threat_category", "armed_conflict"},
            {"vulnerability", {{"exposed", "road missions"}, {"weaknesses", "single road"}}},
            {"likelihood", likelihood}, {"impact", impact}};
    if (!residual_likelihood.empty()) {
      sc["residual_likelihood"] = residual_likelihood;
      sc["residual_impact"] = residual_impact;
      sc["measures"] = json::array({{{"type", "prevention"}, {"description", "Armoured vehicles and convoy rules"},
                                     {"moss_category", "vehicles"}, {"cost_minor", 100000}, {"owner", "Logistics"}},
                                    {{"type", "mitigation"}, {"description", "Trauma kits in every vehicle"},
                                     {"moss_category", "medical"}, {"cost_minor", 50000}, {"owner", "Logistics"}}});
    }
    auto s = Post("/api/v1/sras/" + id + "/scenarios", WithMeasures(sc), drafter);
    EXPECT_EQ(s.status, 201) << s.raw;
    Publish(id, drafter);
    return id;
  }
  // The user key of a security professional of `org` for Carana, created once.
  static std::string OrgProfessional(const std::string& org) {
    const std::string key = "sp_" + org;
    if (!tokens_.contains(key)) {
      auto u = Post("/api/v1/users",
                    {{"username", key}, {"password", "Decisions test: 5 green hills"}, {"display_name", key},
                     {"organization_id", org},
                     {"grants", json::array({{{"role", "security_professional"}, {"country_id", "cty_carana"}}})}},
                    "admin");
      EXPECT_EQ(u.status, 201) << u.raw;
      tokens_[key] = S().Login(key, "Decisions test: 5 green hills");
    }
    return key;
  }
  static HttpResult Request(const std::string& user, json body) { return Post("/api/v1/clearances", body, user); }
  static int AuditEntries() { return S().AuditEntriesBesideAccessBatches(); }
  static bool Has(const json& items, const std::string& key, const std::string& value) {
    for (const auto& i : items)
      if (i.contains(key) && i[key] == value) return true;
    return false;
  }
  static bool HasReason(const json& leg, const std::string& code) { return Has(leg["reasons"], "code", code); }
  // Issue 14 (SRM-METHOD.md 7a): travellers no longer declare a PC; a request names the programme it
  // serves and the programme's current PC assessment sets the PC. A WFP programme (in area_7, so no
  // activity decision of the demo areas changes) assessed at `pc` by the PC lead, a PC1 confirmed by
  // WFP's executive office; made once per suite server.
  static std::string WfpProgramme(int pc) {
    static std::map<std::pair<const TestServer*, int>, std::string> made;
    auto key = std::pair{&S(), pc};
    if (auto it = made.find(key); it != made.end()) return it->second;
    const std::string id = "prg_wfp_pc" + std::to_string(pc);
    EXPECT_TRUE(S().app().store->PutProgramme({id, "org_wfp", "area_7", "Test programme PC" + std::to_string(pc),
                                               "Test activity", pc, 1, 1, 0},
                                              {"system", "test", "system", "programme.put", "programme", id, "", "", ""}));
    auto a = Post("/api/v1/activities/" + id + "/pc-assessment", {{"pc", pc}, {"comment", "test"}}, "pclead");
    EXPECT_EQ(a.status, 201) << a.raw;
    if (pc == 1) {
      auto c = Post("/api/v1/activities/" + id + "/pc-assessment/confirm", {{"comment", "test"}}, "wfpexec");
      EXPECT_EQ(c.status, 200) << c.raw;
    }
    made[key] = id;
    return id;
  }

};

}  // namespace
}  // namespace srm::testing
