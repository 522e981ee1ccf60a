#include "service/money/fund_demo.h"

#include "security/crypto.h"
#include "service/money/fund.h"

namespace srm::service {

namespace {
// The demo's history is written at chosen moments before the demo day.
class DemoClock final : public Clock {
 public:
  int64_t NowMillis() const override { return now; }
  int64_t now = 0;
};
}  // namespace

Status SeedFund(store::Store* store, const Principal& sp, const Principal& fund, calendar::Day seeded_on) {
  DemoClock clock;
  security::RandomIdGen ids;
  FundService svc(store, &clock, &ids);
  // Day `d` relative to the demo day, at hh:mm UTC.
  auto at = [&](int d, int hh, int mm) {
    clock.now = calendar::MillisOfDay(calendar::AddDays(seeded_on, d)) + (hh * 60 + mm) * 60'000LL;
  };
  at(-40, 9, 0);
  SRM_TRY(svc.Contribute(fund, {"org_wfp", 50'000'000, "USD", "", "Reported to WFP's donors every quarter"}));
  at(-35, 14, 30);
  SRM_TRY(svc.Contribute(fund, {"org_undp", 30'000'000, "USD", "Surge capacity in Carana", ""}));
  at(-30, 11, 15);
  SRM_TRY(svc.Contribute(fund, {"org_iom", 20'000'000, "USD", "",
                                "Not for armed escorts; unspent money returns to IOM after 12 months"}));
  // Approved within two days and disbursed.
  at(-12, 8, 40);
  SRM_ASSIGN(first, svc.Submit(sp, {"area_1",
                                    "Two additional security officers for Sanjar for 30 days after the port "
                                    "clashes (SRA in force: armed conflict scenario)",
                                    "USD", 18'000'000, 30, ""}));
  at(-10, 16, 5);
  SRM_TRY(svc.Decide(fund, first.id, "approve", "Within the SRA's measures; the manager's authority covers it"));
  at(-9, 10, 0);
  SRM_TRY(svc.Disburse(fund, first.id, std::nullopt, "Transfer to the Carana DSS office"));
  // Above USD 250,000: routed to the board, waiting.
  at(-2, 13, 20);
  SRM_TRY(svc.Submit(sp, {"area_1",
                          "A surge team of six for the northern corridor for 90 days (escorts and assessments)",
                          "USD", 40'000'000, 90, ""}));
  return {};
}

}  // namespace srm::service
