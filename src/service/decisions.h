// Decisions that rest on the SRA (SRM-METHOD.md sections 5 and 7), over the Store's documents:
//
//   clearance             a travel/mission request (traveller, organization, activity and PC, mission)
//   clearance_leg         one leg of its itinerary (area + dates), decided at creation and re-decided
//                         whenever a fact it rests on changes
//   egs_decision          an Executive Group on Security go/no-go for an area and window
//   specific_sra_approval the approval path of a published specific SRA (HQ coordinates, executive
//                         office approves)
//   activity_decision     the acceptable-risk decision for a programme activity
//   pc_assessment         a recorded programme criticality assessment of an activity
//   compliance_item       one MOSS/RSM requirement at an office or residence, with evidence
//   notification          a change shown in a person's inbox
//
// Authority (who may do what), chosen from the method and documented in the README:
//   - anyone signed in files a clearance request for their own organization;
//   - a referred leg is decided by the area's security cell or the DSS regional desk, and a leg
//     whose residual is Very High by the executive head's office of the traveller's organization;
//     nobody decides their own request; EGS no-go, Unacceptable and "no specific SRA" are never
//     overridden;
//   - EGS decisions are recorded by the DSS regional desk (DSS is the EGS secretariat), for the
//     areas its grant covers; not by administrators or a single agency's executive office;
//   - a specific SRA is coordinated by the agency HQ security office and approved or refused by the
//     executive head's office, both of the SRA's organization;
//   - PC assessments are recorded by the SMT of the area; the executive approval of a Very High
//     residual for an activity by the executive office of the activity's organization;
//   - compliance items are created by security professionals, the security cell and the DSS desk
//     in their areas, or the agency HQ security office for its organization; updated by those or by
//     the item's own organization;
//   - reading: an organization sees its own requests, legs, activities and compliance; the
//     administrator, auditor, DSS desk, security cell and security professionals read across
//     organizations within their grants; the SMT also reads the headcount of its areas.
//
// Re-evaluation: publishing an area SRA re-decides every leg in the area that has not ended and
// every activity decision in the area, in the publication's own transaction (OnPublish is the
// SraService publish hook); recording an EGS decision or approving a specific SRA does the same
// for the legs (and activities) it touches. A changed decision notifies the requester and the
// traveller (legs) or the activity's organization (activities).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/clock.h"
#include "domain/decisions.h"
#include "service/methods.h"
#include "service/principal.h"
#include "service/sras.h"
#include "store/store.h"

namespace srm::service {

class DecisionService {
 public:
  DecisionService(store::Store* store, MethodRegistry* methods, const Clock* clock, IdGen* ids)
      : store_(store), methods_(methods), clock_(clock), ids_(ids) {}

  // SraService's publish hook: what publishing `sra` re-decides, written in the same transaction.
  Result<PublishEffects> OnPublish(const Principal& p, const domain::Sra& sra, const domain::MethodPack& pack);

  // ---- clearance ----
  // body: {traveller:{name, user_id?}, organization_id?, activity, pc, programme_id?, mission_ref?,
  //        purpose?, legs:[{area_id, from, to}]}
  Result<nlohmann::json> CreateClearance(const Principal& p, const nlohmann::json& body);
  // The same decision without recording anything.
  Result<nlohmann::json> PreviewClearance(const Principal& p, const nlohmann::json& body);
  Result<nlohmann::json> GetClearance(const Principal& p, const std::string& id);
  Result<store::Page<nlohmann::json>> ListClearances(const Principal& p, const std::string& status,
                                                     const std::string& org_id, const store::PageRequest& page);
  // Referred legs awaiting this principal. queue: "security" (security cell / DSS desk) or
  // "executive" (executive office); "" = the first queue the principal's roles serve.
  Result<store::Page<nlohmann::json>> ClearanceInbox(const Principal& p, const std::string& queue,
                                                     const store::PageRequest& page);
  // body: {action: approve|refuse, comment}
  Result<nlohmann::json> DecideReferredLeg(const Principal& p, const std::string& request_id,
                                           const std::string& leg_id, const nlohmann::json& body);
  // Cleared legs in the area on `date` ("" = today): who is there.
  Result<store::Page<nlohmann::json>> Headcount(const Principal& p, const std::string& area_id,
                                                const std::string& date, const store::PageRequest& page);

  // ---- Executive Group on Security ----
  // body: {area_id, decision: go|no_go, from, to, reason, meeting_ref?}
  Result<nlohmann::json> RecordEgs(const Principal& p, const nlohmann::json& body);
  Result<nlohmann::json> GetEgs(const Principal& p, const std::string& id);
  Result<store::Page<nlohmann::json>> ListEgs(const Principal& p, const std::string& area_id,
                                              const store::PageRequest& page);

  // ---- specific SRAs ----
  Result<nlohmann::json> GetSpecific(const Principal& p, const std::string& sra_id);
  // status "" = all; awaiting_me: only those waiting for this principal's action.
  Result<store::Page<nlohmann::json>> ListSpecific(const Principal& p, const std::string& status, bool awaiting_me,
                                                   const store::PageRequest& page);
  // body: {action: coordinate|approve|refuse, comment}
  Result<nlohmann::json> TransitionSpecific(const Principal& p, const std::string& sra_id, const nlohmann::json& body);

  // ---- acceptable risk per activity ----
  Result<nlohmann::json> GetActivity(const Principal& p, const std::string& programme_id);
  Result<store::Page<nlohmann::json>> ListActivities(const Principal& p, const std::string& area_id,
                                                     const std::string& status, const store::PageRequest& page);
  // body: {comment}
  Result<nlohmann::json> RecordPcAssessment(const Principal& p, const std::string& programme_id,
                                            const nlohmann::json& body);
  Result<nlohmann::json> RecordExecApproval(const Principal& p, const std::string& programme_id,
                                            const nlohmann::json& body);

  // ---- MOSS / RSM and compliance ----
  // The approved measures of the published area SRAs of an area or a country, by category.
  Result<nlohmann::json> Moss(const Principal& p, const std::string& country_id, const std::string& area_id);
  // body: {location_id, organization_id?, requirement, moss_category, due_date, owner?}
  Result<nlohmann::json> CreateComplianceItem(const Principal& p, const nlohmann::json& body);
  // body: {location_id, organization_id?, due_date?, owner?}: one item per applicable measure of
  // the area's published SRA (RSM measures for a residence, MOSS measures otherwise).
  Result<nlohmann::json> GenerateChecklist(const Principal& p, const nlohmann::json& body);
  Result<nlohmann::json> GetComplianceItem(const Principal& p, const std::string& id);
  // body: any of {status, evidence, comment, due_date, owner, revision}
  Result<nlohmann::json> UpdateComplianceItem(const Principal& p, const std::string& id, const nlohmann::json& body);
  struct ComplianceQuery {
    std::string area_id, org_id, location_id, status;
    bool overdue_only = false;
  };
  Result<store::Page<nlohmann::json>> ListCompliance(const Principal& p, const ComplianceQuery& q,
                                                     const store::PageRequest& page);
  // group_by: "area" or "organization".
  Result<store::Page<nlohmann::json>> ComplianceRates(const Principal& p, const std::string& group_by,
                                                      const store::PageRequest& page);

  // ---- notifications ----
  Result<store::Page<nlohmann::json>> Notifications(const Principal& p, bool unread_only,
                                                    const store::PageRequest& page);
  Result<nlohmann::json> MarkNotificationRead(const Principal& p, const std::string& id);

 public:
  struct AreaFacts;  // what is known about an area while deciding (internal)

 private:
  struct Overrides;
  struct Batch;
  struct LegRequest;

  std::string Today() const;
  Result<std::shared_ptr<AreaFacts>> Facts(Batch& b, const std::string& area_id);
  Result<bool> PcAssessed(Batch& b, const std::string& programme_id);
  Result<LegRequest> ParseClearance(const Principal& p, const nlohmann::json& body);
  Result<nlohmann::json> DecideNew(Batch& b, const LegRequest& r, const std::string& request_id, bool preview);
  Status Redecide(Batch& b, std::vector<store::DocRow> legs, const std::string& cause);
  Status RedecideActivities(Batch& b, const std::string& area_id, const std::string& cause);
  Result<std::vector<store::DocRow>> LegsInArea(const std::string& area_id, const std::string& from,
                                                const std::string& to);
  Status Notify(Batch& b, const std::string& user_id, const std::string& org_id, const std::string& type,
                const std::string& object_id, const std::string& message, const nlohmann::json& detail);
  Result<std::vector<std::string>> OrgUserIds(Batch& b, const std::string& org_id);
  Result<std::optional<domain::Programme>> FindProgramme(const std::string& id);
  Result<nlohmann::json> DecideActivity(Batch& b, const domain::Programme& prog, std::optional<store::DocRow> prior,
                                        const std::string& cause, bool* changed);
  Result<PublishEffects> Commit(Batch& b);

  store::Store* store_;
  MethodRegistry* methods_;
  const Clock* clock_;
  IdGen* ids_;
};

}  // namespace srm::service
