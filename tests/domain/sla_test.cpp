// Service-level agreements (domain/sla.h): the agreement rules, and each metric recomputed from
// events against hand-computed figures.
#include "domain/sla.h"

#include <gtest/gtest.h>

namespace srm::domain {
namespace {

using records::SlaTarget;

const std::vector<CatalogServiceRef> kCatalog = {
    {"SRA-AREA", "dss"}, {"CLEARANCE", "dss"}, {"TRAINING-SSAFE", "joint"}, {"AGENCY-FSCO", "agency"}};

SlaDraft Good() {
  SlaDraft d;
  d.organization_id = "org_iom";
  d.from = "2026-01-01";
  d.to = "2026-12-31";
  d.targets = {{"clearance_leg_decision_hours", 48, "hours"}, {"sra_draft_to_publication_days", 20, "days"}};
  return d;
}

TEST(SlaRules, EachRuleItsCode) {
  struct Row {
    const char* name;
    std::function<void(SlaDraft&)> change;
    const char* code;  // "" = accepted
    const char* field;
  };
  const std::vector<Row> rows = {
      {"good", [](SlaDraft&) {}, "", ""},
      {"1 organization", [](SlaDraft& d) { d.organization_id = ""; }, "organization_required", "organization_id"},
      {"2 from", [](SlaDraft& d) { d.from = "2026-02-30"; }, "period_invalid", "from"},
      {"2 to", [](SlaDraft& d) { d.to = "31/12/2026"; }, "period_invalid", "to"},
      {"3 reversed", [](SlaDraft& d) { d.from = "2027-01-01"; }, "period_reversed", "from"},
      {"4 too long", [](SlaDraft& d) { d.to = "2030-01-01"; }, "period_too_long", "to"},
      {"5 duplicate service",
       [](SlaDraft& d) { d.services = std::vector<std::string>{"SRA-AREA", "CLEARANCE", "SRA-AREA"}; },
       "duplicate_service", "services"},
      {"6 unknown service", [](SlaDraft& d) { d.services = std::vector<std::string>{"SRA-AREA", "CLEARANCE", "X"}; },
       "unknown_service", "services"},
      {"7 collective left out",
       [](SlaDraft& d) { d.services = std::vector<std::string>{"SRA-AREA", "TRAINING-SSAFE"}; },
       "collective_service_not_optional", "services"},
      {"7 empty list", [](SlaDraft& d) { d.services = std::vector<std::string>{}; },
       "collective_service_not_optional", "services"},
      {"8 no target", [](SlaDraft& d) { d.targets.clear(); }, "targets_required", "targets"},
      {"9 unknown metric", [](SlaDraft& d) { d.targets[1].metric = "speed"; }, "unknown_metric", "targets[1].metric"},
      // Rule 10 refuses no metric since issue 16: the fund's requests are measured; the fund
      // metric reaches the later rules.
      {"10 fund measurable now", [](SlaDraft& d) { d.targets.push_back({"fund_request_answer_days", 5, "hours"}); },
       "unit_mismatch", "targets[2].unit"},
      {"11 duplicate metric", [](SlaDraft& d) { d.targets[1] = d.targets[0]; }, "duplicate_metric", "targets[1].metric"},
      {"12 unit", [](SlaDraft& d) { d.targets[0].unit = "days"; }, "unit_mismatch", "targets[0].unit"},
      {"13 threshold low", [](SlaDraft& d) { d.targets[0].threshold = 0; }, "threshold_out_of_range",
       "targets[0].threshold"},
      {"13 pct above 100", [](SlaDraft& d) { d.targets.push_back({"moss_items_closed_on_time_pct", 101, "pct"}); },
       "threshold_out_of_range", "targets[2].threshold"},
      {"first rule wins", [](SlaDraft& d) { d.organization_id = ""; d.targets.clear(); }, "organization_required",
       "organization_id"},
  };
  for (const auto& r : rows) {
    SlaDraft d = Good();
    r.change(d);
    auto out = CheckSlaDraft(d, kCatalog);
    if (std::string(r.code).empty()) {
      EXPECT_TRUE(out.has_value()) << r.name << ": " << (out ? "" : out.error().code);
    } else {
      ASSERT_FALSE(out.has_value()) << r.name;
      EXPECT_EQ(out.error().code, r.code) << r.name;
      EXPECT_EQ(out.error().field, r.field) << r.name;
      EXPECT_TRUE(out.error().unprocessable) << r.name;
    }
  }
}

TEST(SlaRules, CollectiveServicesAlwaysCovered) {
  SlaDraft d = Good();
  EXPECT_EQ(*CheckSlaDraft(d, kCatalog), (std::vector<std::string>{"SRA-AREA", "CLEARANCE"}));
  d.services = std::vector<std::string>{"AGENCY-FSCO", "CLEARANCE", "SRA-AREA"};
  // Catalog order, whatever the request's.
  EXPECT_EQ(*CheckSlaDraft(d, kCatalog), (std::vector<std::string>{"SRA-AREA", "CLEARANCE", "AGENCY-FSCO"}));
}

// Nairobi: Monday to Friday, UTC+3. Riyadh: Sunday to Thursday (Friday-Saturday weekend), UTC+3.
struct Calendars {
  WorkingCalendar nairobi = *WorkingCalendar::Make("Africa/Nairobi", *ParseWorkingWeek("mon,tue,wed,thu,fri"),
                                                   {"2026-03-09"});
  WorkingCalendar riyadh = *WorkingCalendar::Make("Asia/Riyadh", *ParseWorkingWeek("sun,mon,tue,wed,thu"), {});
  CalendarFor For() const {
    return [this](const std::string& country, const std::string&) -> const WorkingCalendar* {
      if (country == "ctry_ke") return &nairobi;
      if (country == "ctry_sa") return &riyadh;
      return nullptr;
    };
  }
};

SlaPeriod Period(const char* from, const char* to, const char* today) {
  return {*calendar::ParseIsoDate(from), *calendar::ParseIsoDate(to), *calendar::ParseIsoDate(today)};
}

TEST(SlaMeasure, ClearanceDecidedAcrossAWeekend) {
  Calendars c;
  // Requested Thursday 2026-11-26 16:00 local, decided Sunday 2026-11-29 10:00 local in both.
  const std::vector<ClearanceDecisionEvent> legs = {
      {"leg_ke", "clr_1", "area_ke", "ctry_ke", "approved", "2026-11-26T13:00:00.000Z", "2026-11-29T07:00:00.000Z"},
      {"leg_sa", "clr_2", "area_sa", "ctry_sa", "refused", "2026-11-26T13:00:00.000Z", "2026-11-29T07:00:00.000Z"},
      // Decided after the period, undecided at its end (Tue 2026-12-01 00:00 local) and already past
      // the target: a breach of the period, counted up to that end: Thu 8h + Fri 24h + Mon 24h = 56.
      {"leg_late", "clr_3", "area_ke", "ctry_ke", "approved", "2026-11-26T13:00:00.000Z", "2026-12-01T07:00:00.000Z"},
      // Not decided, requested Fri 16:00 local: Fri 8h + Mon 24h = 32 > 24: a breach too.
      {"leg_open", "clr_4", "area_ke", "ctry_ke", "referred", "2026-11-27T13:00:00.000Z", ""},
      // No calendar for the country: UTC, Monday-Friday. Fri 2026-11-27 20:00Z -> Mon 02:00Z:
      // Friday's 4 hours + Monday's 2.
      {"leg_xx", "clr_5", "area_xx", "ctry_xx", "approved", "2026-11-27T20:00:00.000Z", "2026-11-30T02:00:00.000Z"},
  };
  auto r = MeasureClearanceDecisions({"clearance_leg_decision_hours", 24, "hours"}, legs, c.For(),
                                     Period("2026-11-01", "2026-11-30", "2026-12-05"));
  ASSERT_EQ(r.count, 5);
  EXPECT_EQ(r.pending, 0);
  EXPECT_EQ(r.pending_breaches, 2);
  // Events oldest end first, then id: leg_ke and leg_sa end together; the pending breaches last.
  EXPECT_EQ(r.events[0].id, "leg_ke");
  EXPECT_DOUBLE_EQ(*r.events[0].value, 32);  // Thu 8h + Fri 24h
  EXPECT_FALSE(r.events[0].within_target);
  EXPECT_EQ(r.events[1].id, "leg_sa");
  EXPECT_DOUBLE_EQ(*r.events[1].value, 18);  // Thu 8h + Sun 10h
  EXPECT_TRUE(r.events[1].within_target);
  EXPECT_EQ(r.events[2].id, "leg_xx");
  EXPECT_DOUBLE_EQ(*r.events[2].value, 6);
  EXPECT_EQ(r.events[2].calendar, "default");
  EXPECT_EQ(r.events[3].id, "leg_late");
  EXPECT_DOUBLE_EQ(*r.events[3].value, 56);
  EXPECT_EQ(r.events[3].end_at, "");
  EXPECT_EQ(r.events[3].detail, "request=clr_3;status=approved;pending=undecided");
  EXPECT_FALSE(r.events[3].within_target);
  EXPECT_EQ(r.events[4].id, "leg_open");
  EXPECT_DOUBLE_EQ(*r.events[4].value, 32);
  EXPECT_EQ(r.events[4].month, "2026-11");
  EXPECT_DOUBLE_EQ(*r.measured, (32.0 + 18 + 6 + 56 + 32) / 5);  // 28.8
  EXPECT_FALSE(*r.met);
  EXPECT_EQ(r.comparison, "at_most");
  ASSERT_EQ(r.months.size(), 1u);
  EXPECT_EQ(r.months[0].month, "2026-11");
}

TEST(SlaMeasure, SraReturnedTwiceCountsTheWholeTime) {
  Calendars c;
  const std::vector<SraPublicationEvent> sras = {
      // Drafted Mon 2026-03-02, returned twice, published Mon 2026-03-16 (Nairobi, Mon-Fri, the 9th
      // a holiday): working dates after the 2nd through the 16th: 3-6 (4), 10-13 (4), 16 (1) = 9.
      {"sra_1", "ser_1", "area_ke", "ctry_ke", 1, "2026-03-02T05:00:00.000Z", "2026-03-16T09:00:00.000Z", 2},
      // Riyadh, drafted Thu 2026-03-05, published Sun 2026-03-08: Sunday only = 1.
      {"sra_2", "ser_2", "area_sa", "ctry_sa", 3, "2026-03-05T06:00:00.000Z", "2026-03-08T06:00:00.000Z", 0},
      // Published before the period: out.
      {"sra_0", "ser_0", "area_ke", "ctry_ke", 1, "2026-01-05T06:00:00.000Z", "2026-02-27T06:00:00.000Z", 0},
      // Never published, drafted Thu 2026-03-05: working dates after the 5th through the period's
      // last day, the 31st: 6 (1), 10-13 (4), 16-20 (5), 23-27 (5), 30-31 (2) = 17 > 5: a breach.
      {"sra_3", "ser_3", "area_ke", "ctry_ke", 2, "2026-03-05T06:00:00.000Z", "", 0},
  };
  auto r = MeasureSraPublication({"sra_draft_to_publication_days", 5, "days"}, sras, c.For(),
                                 Period("2026-03-01", "2026-03-31", "2026-04-01"));
  ASSERT_EQ(r.count, 3);
  EXPECT_EQ(r.pending_breaches, 1);
  EXPECT_EQ(r.events[0].id, "sra_2");
  EXPECT_DOUBLE_EQ(*r.events[0].value, 1);
  EXPECT_TRUE(r.events[0].within_target);
  EXPECT_EQ(r.events[1].id, "sra_1");
  EXPECT_DOUBLE_EQ(*r.events[1].value, 9);
  EXPECT_EQ(r.events[1].detail, "version=1;returns=2");
  EXPECT_FALSE(r.events[1].within_target);
  EXPECT_EQ(r.events[2].id, "sra_3");
  EXPECT_DOUBLE_EQ(*r.events[2].value, 17);
  EXPECT_EQ(r.events[2].detail, "version=2;returns=0;pending=unpublished");
  EXPECT_EQ(r.events[2].end_at, "");
  EXPECT_DOUBLE_EQ(*r.measured, 9);  // (1 + 9 + 17) / 3
  EXPECT_FALSE(*r.met);              // at most 5
}

TEST(SlaMeasure, MossItemsClosedOnTimeInLocalTime) {
  Calendars c;
  const std::vector<MossItemEvent> items = {
      // Closed 23:00 local on its due date: on time.
      {"ci_a", "loc_1", "area_ke", "ctry_ke", "radio", "2026-03-31", "2026-03-31T20:00:00.000Z", "compliant"},
      // Closed 01:00 local the day after (still the 31st in UTC): late.
      {"ci_b", "loc_1", "area_ke", "ctry_ke", "guards", "2026-03-31", "2026-03-31T22:00:00.000Z", "compliant"},
      // Open and past due: late.
      {"ci_c", "loc_1", "area_ke", "ctry_ke", "medical", "2026-03-15", "", ""},
      // Open and not yet due on `today`: pending.
      {"ci_d", "loc_1", "area_ke", "ctry_ke", "training", "2026-04-20", "", ""},
      // Due before the period: out.
      {"ci_e", "loc_1", "area_ke", "ctry_ke", "vehicles", "2026-02-01", "", ""},
      // Not applicable, closed early: on time.
      {"ci_f", "loc_2", "area_ke", "ctry_ke", "residential", "2026-04-25", "2026-04-01T08:00:00.000Z", "not_applicable"},
  };
  auto r = MeasureMossOnTime({"moss_items_closed_on_time_pct", 90, "pct"}, items, c.For(),
                             Period("2026-03-01", "2026-04-30", "2026-04-10"));
  EXPECT_EQ(r.count, 4);
  EXPECT_EQ(r.pending, 1);
  EXPECT_EQ(r.pending_breaches, 1);   // c
  EXPECT_DOUBLE_EQ(*r.measured, 50);  // a and f of a, b, c, f
  EXPECT_FALSE(*r.met);
  EXPECT_EQ(r.comparison, "at_least");
  ASSERT_EQ(r.months.size(), 2u);
  EXPECT_EQ(r.months[0].month, "2026-03");
  EXPECT_DOUBLE_EQ(*r.months[0].measured, 33.33);  // 1 of 3
  EXPECT_DOUBLE_EQ(*r.months[1].measured, 100);
  EXPECT_EQ(r.events[0].id, "ci_c");  // by due date
}

// Issue 15: what is still pending past its target is a breach of the period, not ignored; what is
// pending within its target is not in the figure. Measured up to the period's end, or up to now
// when the period has not ended yet.
TEST(SlaMeasure, PendingPastTheTargetIsABreach) {
  Calendars c;
  // Riyadh (Sunday-Thursday, UTC+3). Period 2026-11-01..2026-11-30; now Wed 2026-11-25 12:00 local.
  SlaPeriod p = Period("2026-11-01", "2026-11-30", "2026-11-25");
  p.now_millis = *calendar::ParseTimestamp("2026-11-25T09:00:00.000Z");
  const std::vector<ClearanceDecisionEvent> legs = {
      // Requested Mon 23rd 12:00 local: Mon 12h + Tue 24h + Wed 12h = 48 hours by now > 24: breach.
      {"leg_b", "clr_b", "area_sa", "ctry_sa", "referred", "2026-11-23T09:00:00.000Z", ""},
      // Requested Wed 25th 00:00 local: 12 hours by now, within 24: pending.
      {"leg_p", "clr_p", "area_sa", "ctry_sa", "referred", "2026-11-24T21:00:00.000Z", ""},
      // Requested Thu 19th 12:00 local, open over the Fri-Sat weekend: Thu 12h + Sun 24h = 36 by
      // Mon 00:00... and by now Thu 12 + Sun 24 + Mon 24 + Tue 24 + Wed 12 = 96: breach.
      {"leg_w", "clr_w", "area_sa", "ctry_sa", "referred", "2026-11-19T09:00:00.000Z", ""},
      // Decided within the target: Sun 22nd 08:00 -> 20:00 local, 12 hours.
      {"leg_d", "clr_d", "area_sa", "ctry_sa", "approved", "2026-11-22T05:00:00.000Z", "2026-11-22T17:00:00.000Z"},
      // Requested after now (a clock skew): not in this report.
      {"leg_f", "clr_f", "area_sa", "ctry_sa", "referred", "2026-11-25T10:00:00.000Z", ""},
  };
  auto r = MeasureClearanceDecisions({"clearance_leg_decision_hours", 24, "hours"}, legs, c.For(), p);
  EXPECT_EQ(r.count, 3);
  EXPECT_EQ(r.pending, 1);
  EXPECT_EQ(r.pending_breaches, 2);
  ASSERT_EQ(r.events.size(), 3u);
  EXPECT_EQ(r.events[0].id, "leg_d");
  EXPECT_EQ(r.events[1].id, "leg_b");
  EXPECT_DOUBLE_EQ(*r.events[1].value, 48);
  EXPECT_EQ(r.events[2].id, "leg_w");
  EXPECT_DOUBLE_EQ(*r.events[2].value, 96);
  EXPECT_DOUBLE_EQ(*r.measured, 52);  // (12 + 48 + 96) / 3
  EXPECT_FALSE(*r.met);
  ASSERT_EQ(r.months.size(), 1u);
  EXPECT_EQ(r.months[0].count, 3);

  // The same legs in an earlier period that ended before any of them was requested: nothing.
  auto before = MeasureClearanceDecisions({"clearance_leg_decision_hours", 24, "hours"}, legs, c.For(),
                                          Period("2026-10-01", "2026-10-31", "2026-11-25"));
  EXPECT_EQ(before.count, 0);
  EXPECT_EQ(before.pending, 0);

  // An SRA version drafted Sun 2026-11-01 and still in review now: working dates after the 1st
  // through Wed the 25th: 2-5 (4), 8-12 (5), 15-19 (5), 22-25 (4) = 18 > 15: a breach; one drafted
  // Sun the 22nd: 23-25 = 3 days, within: pending.
  const std::vector<SraPublicationEvent> sras = {
      {"sra_b", "ser_b", "area_sa", "ctry_sa", 1, "2026-11-01T06:00:00.000Z", "", 1},
      {"sra_p", "ser_p", "area_sa", "ctry_sa", 1, "2026-11-22T06:00:00.000Z", "", 0},
  };
  auto s = MeasureSraPublication({"sra_draft_to_publication_days", 15, "days"}, sras, c.For(), p);
  EXPECT_EQ(s.count, 1);
  EXPECT_EQ(s.pending, 1);
  EXPECT_EQ(s.pending_breaches, 1);
  ASSERT_EQ(s.events.size(), 1u);
  EXPECT_DOUBLE_EQ(*s.events[0].value, 18);
  EXPECT_EQ(s.events[0].detail, "version=1;returns=1;pending=unpublished");
  EXPECT_DOUBLE_EQ(*s.measured, 18);
  EXPECT_FALSE(*s.met);
}

TEST(SlaMeasure, NoEventsNoFigure) {
  auto r = MeasureClearanceDecisions({"clearance_leg_decision_hours", 24, "hours"}, {}, nullptr,
                                     Period("2026-01-01", "2026-01-31", "2026-02-01"));
  EXPECT_EQ(r.count, 0);
  EXPECT_FALSE(r.measured.has_value());
  EXPECT_FALSE(r.met.has_value());
}

}  // namespace
}  // namespace srm::domain
