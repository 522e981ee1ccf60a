// Who may read an SRA's access log (issue 17): the SRA's owners (a security professional, or the
// designate, for its area in the organization it belongs to: the conducting organization of an
// area SRA, the agency of a specific one), the DSS desk for its area, and auditors. Pure.
#pragma once

#include <string_view>

#include "domain/entities.h"
#include "domain/roles.h"

namespace srm::domain {

struct AccessLogVerdict {
  bool allowed = false;
  // allowed: "auditor" | "dss_desk" | "owner"; refused: "sra_not_readable" (the reader may not
  // read the SRA itself: answered as reading it would be), "access_log_restricted".
  std::string_view code;
};

// `sra`: the SRA's organization, country and area. `may_read_sra`: the reader passes the SRA's
// own read rule (service/scope.h).
AccessLogVerdict MayReadAccessLog(const User& reader, const ScopeRef& sra, bool may_read_sra);

}  // namespace srm::domain
