// Who may read an SRA's access log (domain/access_log_rule.h): every outcome and its code.
#include <gtest/gtest.h>

#include "domain/access_log_rule.h"

namespace srm::domain {
namespace {

User With(std::string org, std::vector<RoleGrant> grants) {
  User u;
  u.id = "usr_x";
  u.username = "x";
  u.organization_id = std::move(org);
  u.grants = std::move(grants);
  return u;
}

struct Case {
  const char* name;
  User reader;
  bool may_read_sra;
  bool allowed;
  const char* code;
};

TEST(AccessLogRuleTest, OwnersTheDssDeskAndAuditorsOnly) {
  const ScopeRef sra{"org_dss", "cty_c", "area_1"};
  const RoleGrant sp_country{Role::kSecurityProfessional, "", "cty_c", ""};
  const RoleGrant sp_other_area{Role::kSecurityProfessional, "", "cty_c", "area_2"};
  const Case cases[] = {
      {"auditor anywhere", With("org_dss", {{Role::kAuditor, "", "", ""}}), true, true, "auditor"},
      {"auditor of another organization's scope", With("org_wfp", {{Role::kAuditor, "org_wfp", "", ""}}), true, false,
       "access_log_restricted"},
      {"dss desk", With("org_dss", {{Role::kDssDesk, "", "", ""}}), true, true, "dss_desk"},
      {"dss desk of another country", With("org_dss", {{Role::kDssDesk, "", "cty_other", ""}}), true, false,
       "access_log_restricted"},
      {"security professional of the owning organization", With("org_dss", {sp_country}), true, true, "owner"},
      {"designate of the owning organization", With("org_dss", {{Role::kSraDesignate, "", "cty_c", "area_1"}}), true,
       true, "owner"},
      {"security professional of another organization", With("org_wfp", {sp_country}), true, false,
       "access_log_restricted"},
      {"security professional for another area", With("org_dss", {sp_other_area}), true, false,
       "access_log_restricted"},
      {"a reader without a role for it", With("org_iom", {{Role::kSecurityCell, "", "cty_c", ""}}), true, false,
       "access_log_restricted"},
      {"an admin is no owner", With("org_dss", {{Role::kAdmin, "", "", ""}}), true, false, "access_log_restricted"},
      {"one who may not read the SRA at all", With("org_dss", {{Role::kAuditor, "", "", ""}}), false, false,
       "sra_not_readable"},
  };
  for (const Case& c : cases) {
    const AccessLogVerdict v = MayReadAccessLog(c.reader, sra, c.may_read_sra);
    EXPECT_EQ(v.allowed, c.allowed) << c.name;
    EXPECT_EQ(v.code, c.code) << c.name;
  }
}

TEST(AccessLogRuleTest, AnSraWithoutOrganizationHasNoOwnerByOrganization) {
  const ScopeRef sra{"", "cty_c", "area_1"};
  const User sp = With("", {{Role::kSecurityProfessional, "", "cty_c", ""}});
  EXPECT_EQ(MayReadAccessLog(sp, sra, true).code, "access_log_restricted");
}

}  // namespace
}  // namespace srm::domain
