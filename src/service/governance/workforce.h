// The security workforce (issue 16; 002 §§ 25, 27): security personnel (international, national,
// in missions) by organization, post and area, with skills and languages; surge deployments paid
// by the emergency security fund; and the coverage of each area. Rules: domain/governance.h.
//
// A person's record is personal data: only the person, their organization's security managers,
// DSS and auditors read it (others get 404 for a record and see no rows in the list); it is kept
// `retention_days` after the person left and then removed by the audited purge. Audit bodies of
// personnel never hold the personal fields, so the purge leaves none behind in the audit chain.
// Coverage is aggregate (counts per area) and readable by everybody signed in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/governance.h"
#include "domain/records/governance_records.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

struct PersonnelInput {
  std::string user_id, full_name, organization_id, country_id, area_id, category, post;
  std::string status = "serving";  // serving | vacant
  std::vector<std::string> skills, languages;
};

struct SurgeInput {
  std::string personnel_id, area_id, from, to, fund_request_id, purpose;
};

struct AreaCoverage {
  std::string area_id, area_name, country_id;
  domain::governance::Coverage coverage;
};

struct PurgeResult {
  std::vector<std::string> purged_ids;
  std::string today;
  int retention_days = 0;
};

class WorkforceService {
 public:
  WorkforceService(store::Store* store, const Clock* clock, IdGen* ids, int retention_days);

  Result<domain::records::SecurityPersonnel> Create(const Principal& p, const PersonnelInput& in);
  Result<store::Page<domain::records::SecurityPersonnel>> List(const Principal& p, const store::WorkforceFilter& f,
                                                               const store::PageRequest& page);
  Result<domain::records::SecurityPersonnel> Get(const Principal& p, const std::string& id);
  Result<domain::records::SecurityPersonnel> Leave(const Principal& p, const std::string& id, const std::string& left_on);
  // Removes the personal data of everybody whose retention ran out (administrators, DSS, the CLI).
  Result<PurgeResult> Purge(const Principal& p);

  Result<domain::records::SurgeDeployment> Deploy(const Principal& p, const SurgeInput& in);
  Result<store::Page<domain::records::SurgeDeployment>> ListDeployments(const Principal& p,
                                                                        const store::WorkforceFilter& f,
                                                                        const store::PageRequest& page);
  Result<domain::records::SurgeDeployment> Cancel(const Principal& p, const std::string& id);

  Result<std::vector<AreaCoverage>> Coverage(const Principal& p, const std::string& country_id);

 private:
  domain::governance::Reader ReaderOf(const Principal& p) const;
  // Everybody's rows (DSS, auditors): nullopt; a security manager's: their organization.
  std::optional<std::vector<std::string>> VisibleOrganizations(const Principal& p, bool* any) const;
  Result<domain::records::SecurityPersonnel> Load(const std::string& id);
  std::string Now() const;
  std::string Today() const;

  store::Store* store_;
  const Clock* clock_;
  IdGen* ids_;
  int retention_days_;
};

}  // namespace srm::service
