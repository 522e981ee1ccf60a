// The JSON of the issue-16 records (governance, the action plan, the security workforce), as the
// API answers them and the audit log keeps them. A person's audit body never holds personal data
// (AuditJson), so the purge removes it from everywhere but backups.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/records/governance_records.h"

namespace srm::domain::records {

nlohmann::json ToJson(const GovernanceBody& b);
nlohmann::json ToJson(const GovernanceMeeting& m);
nlohmann::json ToJson(const GovernanceDecision& d);
nlohmann::json ToJson(const ActionPlanItem& i);
// personal: with name, user, skills and languages; else those are null.
nlohmann::json ToJson(const SecurityPersonnel& p, bool personal);
nlohmann::json AuditJson(const SecurityPersonnel& p);
nlohmann::json ToJson(const SurgeDeployment& d);

}  // namespace srm::domain::records
