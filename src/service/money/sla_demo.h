// The demo's service levels (issue 15): Carana's working time, two agreements (DSS with IOM and
// with WFP in Carana) and a year of the system's own events behind their reports, back-dated
// relative to the day the demo is made (service/money/sla_demo.cpp).
#pragma once

#include "core/calendar.h"
#include "core/result.h"
#include "service/methods.h"
#include "store/store.h"

namespace srm::service {

// `today`: the day the demo is made. Written straight to the store as the workflows would have
// left them a year back (superseded SRA versions, decided clearance legs, closed MOSS items), each
// with its audit entry; every event is at least a week old, so today's demo decisions stay first.
Status SeedServiceLevels(store::Store* store, MethodRegistry* methods, calendar::Day today);

}  // namespace srm::service
