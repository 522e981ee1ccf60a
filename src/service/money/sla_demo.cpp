#include "service/money/sla_demo.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "domain/sla.h"
#include "domain/sra_json.h"

namespace srm::service {

namespace rec = domain::records;

namespace {

store::AuditEvent Seed(const std::string& action, const std::string& type, const std::string& id) {
  return {"system", "demo-seed", "system", action, type, id, "", "", ""};
}

std::string At(calendar::Day day, int hour) {
  return calendar::FormatTimestamp(calendar::MillisOfDay(day) + int64_t{hour} * 3'600'000);
}

template <typename R>
Status Put(store::Store* st, const R& r, const char* type) {
  store::WriteBatch batch;
  batch.records.push_back({store::AnyRecord(r), 0});
  return st->Write(batch, {Seed("demo.seed", type, r.id)});
}

// Carana: West Africa time (UTC+1, no DST), Monday to Friday, public holidays of last, this and
// next year (Independence Day on 11 November is the demo's own).
rec::CountryCalendar CaranaCalendar(calendar::Day today, const std::string& now) {
  rec::CountryCalendar c;
  c.id = "cal_cty_carana";
  c.country_id = "cty_carana";
  c.time_zone = "Africa/Lagos";
  c.working_week = "mon,tue,wed,thu,fri";
  const int year = calendar::ToCivil(today).year;
  for (int y = year - 1; y <= year + 1; ++y)
    for (const auto& [md, name] : {std::pair{"01-01", "New Year's Day"}, {"05-01", "Labour Day"},
                                   {"11-11", "Independence Day"}, {"12-25", "Christmas Day"}})
      c.holidays.push_back({std::to_string(y) + "-" + md, name});
  c.created_at = c.updated_at = now;
  return c;
}

struct Org {
  const char* id;
  const char* code;
  const char* area_id;
  const char* area_name;
  const char* location_id;
  const char* programme_id;
  const char* requester;
};

}  // namespace

Status SeedServiceLevels(store::Store* st, MethodRegistry* methods, calendar::Day today) {
  const std::string now = At(today, 0);
  SRM_TRY(Put(st, CaranaCalendar(today, now), "country_calendar"));
  SRM_ASSIGN(pack, methods->Active());
  SRM_ASSIGN(dss, st->FindUserByName("dss"));
  if (!dss) return {};
  const Org orgs[] = {{"org_iom", "IOM", "area_5", "Northern Province", "loc_5", "prg_3", "hq"},
                      {"org_wfp", "WFP", "area_1", "Sanjar", "loc_1", "prg_1", "finance"}};
  // Varied but repeatable: real hours from request to decision, working days from draft to
  // publication, days a MOSS item closes after (+) or before (-) its due date.
  const int decision_hours[] = {5, 18, 30, 44, 70, 26, 9, 52, 14, 36, 22, 61};
  const int draft_days[] = {12, 25, 16, 31};
  const int returns[] = {0, 2, 1, 0};
  const int closed_after_due[] = {-3, 0, 2, -10, 5, -1};

  for (const Org& o : orgs) {
    SRM_ASSIGN(requester, st->FindUserByName(o.requester));
    const std::string requester_id = requester ? requester->id : "";
    // Clearance legs: two a month for twelve months, referred and decided by the DSS security
    // adviser after decision_hours.
    for (int m = 1; m <= 12; ++m)
      for (int k = 0; k < 2; ++k) {
        const int n = (m - 1) * 2 + k;
        const calendar::Day asked = calendar::AddDays(today, -30 * m + 9 * k);
        const std::string suffix = std::string(o.code) + "_" + std::to_string(n);
        const std::string requested_at = At(asked, 8 + k * 5);
        int64_t decided_ms = *calendar::ParseTimestamp(requested_at) + int64_t{decision_hours[n % 12]} * 3'600'000;
        const std::string decided_at = calendar::FormatTimestamp(decided_ms);
        const std::string status = n % 7 == 3 ? "refused" : "approved";
        rec::ClearanceLeg leg;
        leg.id = "leg_demo_" + suffix;
        leg.request_id = "clr_demo_" + suffix;
        leg.seq = 1;
        leg.organization_id = o.id;
        leg.traveller = {std::string(o.code) + " field officer " + std::to_string(n + 1), ""};
        leg.requested_by = {requester_id, o.requester};
        leg.activity = "Field monitoring mission";
        leg.pc = 2;
        leg.programme_id = o.programme_id;
        leg.pc_assessed = true;
        leg.area_id = o.area_id;
        leg.area_name = o.area_name;
        leg.country_id = "cty_carana";
        leg.from = calendar::FormatIsoDate(calendar::AddDays(asked, 5));
        leg.to = calendar::FormatIsoDate(calendar::AddDays(asked, 7));
        leg.status = status;
        leg.rule = "pc_assessment_required";
        leg.approver_role = "dss_security_adviser";
        leg.decided_at = decided_at;
        leg.decided_by = "dss";
        leg.decided_role = "dss_security_adviser";
        leg.comment = status == "approved" ? "Granted with the standard movement controls." : "Refused: route closed.";
        leg.history = {{requested_at, "referred", leg.rule, o.requester, std::nullopt, std::nullopt, std::string("created")},
                       {decided_at, status, leg.rule, "dss", std::string("dss_security_adviser"), leg.comment, std::nullopt}};
        leg.created_at = requested_at;
        leg.updated_at = decided_at;
        rec::ClearanceRequest req;
        req.id = leg.request_id;
        req.traveller = leg.traveller;
        req.organization_id = o.id;
        req.country_id = "cty_carana";
        req.activity = leg.activity;
        req.pc = 2;
        req.programme_id = o.programme_id;
        req.purpose = "Monitoring visit";
        req.status = status == "approved" ? "cleared" : "refused";
        req.from = leg.from;
        req.to = leg.to;
        req.requested_by = leg.requested_by;
        req.leg_ids = std::vector<std::string>{leg.id};
        req.created_at = requested_at;
        req.updated_at = decided_at;
        store::WriteBatch batch;
        batch.records.push_back({store::AnyRecord(req), 0});
        batch.records.push_back({store::AnyRecord(leg), 0});
        SRM_TRY(st->Write(batch, {Seed("demo.seed", "clearance", req.id)}));
      }
    // MOSS items of the office: one due each month, closed around its due date.
    for (int m = 1; m <= 12; ++m) {
      const calendar::Day due = calendar::AddDays(today, -30 * m);
      const calendar::Day closed = calendar::AddDays(due, closed_after_due[m % 6]);
      rec::ComplianceItem c;
      c.id = "ci_demo_" + std::string(o.code) + "_" + std::to_string(m);
      c.location_id = o.location_id;
      c.location_name = std::string("UN office ") + o.area_name;
      c.location_kind = "office";
      c.area_id = o.area_id;
      c.country_id = "cty_carana";
      c.organization_id = o.id;
      c.requirement = m % 2 ? "Monthly radio check with the security operations centre" : "Fire drill and warden list update";
      c.moss_category = m % 2 ? "telecommunications" : "premises";
      c.status = "compliant";
      c.due_date = calendar::FormatIsoDate(due);
      c.owner = std::string(o.code) + " country office";
      c.created_by = "cell";
      c.created_at = At(calendar::AddDays(due, -30), 9);
      c.updated_at = At(closed, 15);
      c.evidence = {{"Log signed by the warden", "cell", c.updated_at}};
      c.history = {{c.created_at, "cell", "open", "", ""}, {c.updated_at, "cell", "compliant", "Log signed by the warden", ""}};
      SRM_TRY(Put(st, c, "compliance_item"));
    }
    // Area SRA versions of the organization's area: one a quarter, each superseded by the next
    // (the demo's own SRAs are today's).
    for (int q = 0; q < 4; ++q) {
      const calendar::Day drafted = calendar::AddDays(today, -360 + 90 * q);
      domain::Sra sra;
      sra.id = "sra_demo_hist_" + std::string(o.code) + "_" + std::to_string(q + 1);
      sra.series_id = "ser_demo_hist_" + std::string(o.code) + "_" + std::to_string(q + 1);
      sra.title = std::string(o.area_name) + " area SRA (quarter " + std::to_string(q + 1) + ", superseded)";
      sra.area_id = o.area_id;
      sra.country_id = "cty_carana";
      sra.organization_id = "org_dss";
      sra.status = domain::SraStatus::kSuperseded;
      sra.method_version = pack->version;
      sra.scope.from_date = calendar::FormatIsoDate(drafted);
      sra.scope.to_date = calendar::FormatIsoDate(calendar::AddDays(drafted, 90));
      sra.scope.trigger = "periodic_review";
      sra.created_by = "sp";
      sra.created_at = At(drafted, 8);
      // Working days are counted in the report; here calendar days roughly 7/5 of them.
      const calendar::Day published = calendar::AddDays(drafted, draft_days[q] * 7 / 5);
      sra.published_at = At(published, 11);
      sra.updated_at = At(calendar::AddDays(drafted, 90), 11);
      sra.history.push_back({"submit", "draft", "in_review", "sp", "security_professional", "", At(drafted, 15)});
      for (int r = 0; r < returns[q]; ++r) {
        sra.history.push_back({"return", "in_review", "returned", "cell", "security_cell", "Scenarios incomplete",
                               At(calendar::AddDays(drafted, 2 + 3 * r), 10)});
        sra.history.push_back({"submit", "returned", "in_review", "sp", "security_professional", "",
                               At(calendar::AddDays(drafted, 3 + 3 * r), 10)});
      }
      sra.history.push_back({"approve", "endorsed", "published", "dss", "dss_desk", "", sra.published_at});
      sra.history.push_back({"supersede", "published", "superseded", "system", "", "", sra.updated_at});
      store::SraRow row{sra.id, sra.series_id, 1, "area", sra.title, sra.area_id, sra.country_id, sra.organization_id,
                        "superseded", sra.method_version, "", "", sra.created_at, sra.updated_at, 0,
                        domain::SraToJson(*pack, sra).dump()};
      SRM_TRY(st->WriteSras({{row, 0}}, {Seed("sra.create", "sra", sra.id)}));  // as every SRA is: its creation audited
    }
    // The agreement: DSS with the organization in Carana, from a year back to a year ahead.
    std::vector<domain::CatalogServiceRef> catalog;
    SRM_ASSIGN(services, st->ListSecurityServices({.code = "", .current_only = true}, {500, ""}));
    for (const auto& s : services.items) catalog.push_back({s.code, s.provider});
    std::sort(catalog.begin(), catalog.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
    domain::SlaDraft draft{o.id, "cty_carana", calendar::FormatIsoDate(calendar::AddDays(today, -365)),
                           calendar::FormatIsoDate(calendar::AddDays(today, 365)), std::nullopt,
                           {{std::string(domain::kSraDraftToPublicationDays), 20, "days"},
                            {std::string(domain::kClearanceLegDecisionHours), 24, "hours"},
                            {std::string(domain::kMossItemsClosedOnTimePct), 80, "pct"}}};
    SRM_ASSIGN(covered, domain::CheckSlaDraft(draft, catalog));
    rec::ServiceLevelAgreement sla;
    sla.id = "sla_demo_" + std::string(o.code);
    sla.organization_id = o.id;
    sla.country_id = "cty_carana";
    sla.title = "DSS services to " + std::string(o.code) + " in Carana";
    sla.from = draft.from;
    sla.to = draft.to;
    sla.services = std::move(covered);
    sla.targets = draft.targets;
    sla.created_by = {dss->id, "dss"};
    sla.created_at = sla.updated_at = At(calendar::AddDays(today, -365), 9);
    SRM_TRY(Put(st, sla, "service_level_agreement"));
  }
  return {};
}

}  // namespace srm::service
