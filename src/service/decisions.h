// Decisions that rest on the SRA (SRM-METHOD.md sections 5 and 7). Each kind is a typed record
// (domain/records/decision_records.h), stored through one adapter (service/decisions/record_store.h);
// the service takes typed inputs and returns the records or small result structs, and the API edge
// (api/decision_json.h) turns request bodies into inputs and records into JSON. The kinds:
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

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/compliance.h"
#include "domain/decisions.h"
#include "domain/records/decision_records.h"
#include "service/methods.h"
#include "service/principal.h"
#include "service/sras.h"
#include "store/store.h"

namespace srm::service {

class DecisionRecords;

// ---- inputs: what a request body says, already checked for shape at the API edge (fields,
// types, lengths, dates as valid YYYY-MM-DD); the service checks what needs the store or the rules.

struct ClearanceLegInput {
  std::string area_id, from, to;
};
struct ClearanceInput {
  std::optional<domain::records::Traveller> traveller;  // nullopt: the requester travels
  std::string organization_id;                          // "" = the requester's
  std::string activity, programme_id, mission_ref, purpose;
  std::optional<int64_t> pc;
  std::vector<ClearanceLegInput> legs;  // the legs as far as they could be read
  // Why the itinerary could not be read past `legs` (missing, not an array, empty, too long, a
  // malformed leg). The service reports it where the itinerary is checked, after the request's
  // other fields and the legs before it, so a body with several faults is refused for the first.
  std::optional<Error> legs_refusal;
};
struct LegDecisionInput {
  std::string action, comment;  // action: approve | refuse
  // The revision the approver read; a value that is not an integer arrives as -1 and matches none.
  std::optional<int64_t> revision;
};
struct EgsInput {
  std::string area_id, decision, from, to, reason, meeting_ref;
};
struct SpecificTransitionInput {
  std::string action, comment;  // coordinate | approve | refuse
};
struct ComplianceItemInput {
  std::string location_id, organization_id, requirement, moss_category, due_date, owner;
};
struct ChecklistInput {
  std::string location_id, organization_id, owner;
  std::optional<std::string> due_date;  // nullopt = 90 days from today
};
struct ComplianceUpdateInput {  // only what the body gives
  std::optional<std::string> status, evidence, comment, due_date, owner;
  std::optional<int64_t> revision;
};

// ---- results ----

struct ClearanceView {  // a request with its legs
  domain::records::ClearanceRequest request;
  std::vector<domain::records::ClearanceLeg> legs;
};
struct HeadcountEntry {
  domain::records::Traveller traveller;
  std::string organization_id, request_id, leg_id, from, to, status, mission_ref, activity;
};
struct EgsRecorded {
  domain::records::EgsRecord record;
  int redecided_legs = 0, redecided_activities = 0;
};
struct SpecificTransitioned {
  domain::records::SpecificSraApproval approval;
  int redecided_legs = 0;
};
struct ActivityView {
  domain::records::ActivityDecisionRecord decision;
  bool recorded = false;  // false: computed now, not stored yet
};
struct PcAssessmentRecorded {
  domain::records::PcAssessment assessment;
  int redecided_legs = 0;
};
struct MossMeasureView {
  std::string area_id, sra_id, scenario_id, scenario, measure_id, type, description, owner, status, currency;
  double cost = 0;
};
struct MossCategoryView {
  std::string category;
  std::vector<MossMeasureView> measures;
};
struct MossSource {
  std::string area_id, area_name, sra_id;
  int version = 0;
  std::string published_at, review_due;
  bool current = false;
};
struct MossView {
  std::string country_id, area_id;  // the one asked for; the other ""
  std::vector<MossSource> sources;
  std::vector<std::pair<std::string, std::string>> areas_without_sra;  // id, name
  std::vector<MossCategoryView> moss;
  MossCategoryView rsm;
  int total = 0, implemented = 0;
  double cost = 0;
};
struct ChecklistResult {
  std::string location_id, organization_id, sra_id, kind;  // kind: moss | rsm
  std::vector<domain::records::ComplianceItem> created;
  int skipped = 0;
};
struct ComplianceRateRow {
  std::string key, name;  // an area or organization id, and its name
  domain::ComplianceRate rate;
};

class DecisionService {
 public:
  static constexpr int kMaxLegs = 20;

  DecisionService(store::Store* store, MethodRegistry* methods, const Clock* clock, IdGen* ids);
  ~DecisionService();

  // SraService's publish hook: what publishing `sra` re-decides, written in the same transaction.
  Result<PublishEffects> OnPublish(const Principal& p, const domain::Sra& sra, const domain::MethodPack& pack);

  // ---- clearance ----
  Result<ClearanceView> CreateClearance(const Principal& p, const ClearanceInput& in);
  // The same decision without recording anything.
  Result<ClearanceView> PreviewClearance(const Principal& p, const ClearanceInput& in);
  Result<ClearanceView> GetClearance(const Principal& p, const std::string& id);
  Result<store::Page<domain::records::ClearanceRequest>> ListClearances(const Principal& p, const std::string& status,
                                                                        const std::string& org_id,
                                                                        const store::PageRequest& page);
  // Referred legs awaiting this principal. queue: "security" (security cell / DSS desk) or
  // "executive" (executive office); "" = the first queue the principal's roles serve.
  Result<store::Page<domain::records::ClearanceLeg>> ClearanceInbox(const Principal& p, const std::string& queue,
                                                                    const store::PageRequest& page);
  Result<domain::records::ClearanceLeg> DecideReferredLeg(const Principal& p, const std::string& request_id,
                                                          const std::string& leg_id, const LegDecisionInput& in);
  // Cleared legs in the area on `date` ("" = today): who is there.
  Result<store::Page<HeadcountEntry>> Headcount(const Principal& p, const std::string& area_id, const std::string& date,
                                                const store::PageRequest& page);

  // ---- Executive Group on Security ----
  Result<EgsRecorded> RecordEgs(const Principal& p, const EgsInput& in);
  Result<domain::records::EgsRecord> GetEgs(const Principal& p, const std::string& id);
  Result<store::Page<domain::records::EgsRecord>> ListEgs(const Principal& p, const std::string& area_id,
                                                          const store::PageRequest& page);

  // ---- specific SRAs ----
  Result<domain::records::SpecificSraApproval> GetSpecific(const Principal& p, const std::string& sra_id);
  // status "" = all; awaiting_me: only those waiting for this principal's action.
  Result<store::Page<domain::records::SpecificSraApproval>> ListSpecific(const Principal& p, const std::string& status,
                                                                         bool awaiting_me,
                                                                         const store::PageRequest& page);
  Result<SpecificTransitioned> TransitionSpecific(const Principal& p, const std::string& sra_id,
                                                  const SpecificTransitionInput& in);

  // ---- acceptable risk per activity ----
  Result<ActivityView> GetActivity(const Principal& p, const std::string& programme_id);
  Result<store::Page<domain::records::ActivityDecisionRecord>> ListActivities(const Principal& p,
                                                                              const std::string& area_id,
                                                                              const std::string& status,
                                                                              const store::PageRequest& page);
  Result<PcAssessmentRecorded> RecordPcAssessment(const Principal& p, const std::string& programme_id, const std::string& comment);
  Result<domain::records::ActivityDecisionRecord> RecordExecApproval(const Principal& p, const std::string& programme_id,
                                                                     const std::string& comment);

  // ---- MOSS / RSM and compliance ----
  // The approved measures of the published area SRAs of an area or a country, by category.
  Result<MossView> Moss(const Principal& p, const std::string& country_id, const std::string& area_id);
  Result<domain::records::ComplianceItem> CreateComplianceItem(const Principal& p, const ComplianceItemInput& in);
  // One item per applicable measure of the area's published SRA (RSM measures for a residence,
  // MOSS measures otherwise).
  Result<ChecklistResult> GenerateChecklist(const Principal& p, const ChecklistInput& in);
  Result<domain::records::ComplianceItem> GetComplianceItem(const Principal& p, const std::string& id);
  Result<domain::records::ComplianceItem> UpdateComplianceItem(const Principal& p, const std::string& id,
                                                               const ComplianceUpdateInput& in);
  struct ComplianceQuery {
    std::string area_id, org_id, location_id, status;
    bool overdue_only = false;
  };
  Result<store::Page<domain::records::ComplianceItem>> ListCompliance(const Principal& p, const ComplianceQuery& q,
                                                                      const store::PageRequest& page);
  // group_by: "area" or "organization".
  Result<store::Page<ComplianceRateRow>> ComplianceRates(const Principal& p, const std::string& group_by,
                                                         const store::PageRequest& page);

  // ---- notifications ----
  Result<store::Page<domain::records::Notification>> Notifications(const Principal& p, bool unread_only,
                                                                   const store::PageRequest& page);
  Result<domain::records::Notification> MarkNotificationRead(const Principal& p, const std::string& id);

 public:
  struct AreaFacts;  // what is known about an area while deciding (internal)

 private:
  struct Overrides;
  struct Batch;
  struct LegRequest;

  std::string Today() const;
  std::string Now() const;
  Result<std::shared_ptr<AreaFacts>> Facts(Batch& b, const std::string& area_id);
  Result<bool> PcAssessed(Batch& b, const std::string& programme_id);
  Result<LegRequest> CheckClearance(const Principal& p, const ClearanceInput& in);
  Result<ClearanceView> DecideNew(Batch& b, const LegRequest& r, const std::string& request_id, bool preview);
  Status Redecide(Batch& b, std::vector<domain::records::ClearanceLeg> legs, const std::string& cause);
  // The request's overall status again after some of its legs changed (leg id -> new status).
  Status Reaggregate(Batch& b, const std::string& request_id, const std::map<std::string, std::string>& changed,
                     const std::string& action, const std::string& cause);
  Status RedecideActivities(Batch& b, const std::string& area_id, const std::string& cause);
  Status Notify(Batch& b, const std::string& user_id, const std::string& org_id, const std::string& type,
                const std::string& object_id, const std::string& message, const domain::records::NotificationDetail& detail);
  Result<std::vector<std::string>> OrgUserIds(Batch& b, const std::string& org_id);
  Result<std::optional<domain::Programme>> FindProgramme(const std::string& id);
  Result<domain::records::ActivityDecisionRecord> DecideActivity(
      Batch& b, const domain::Programme& prog, const std::optional<domain::records::ActivityDecisionRecord>& prior,
      const std::string& cause, bool* changed);
  Result<PublishEffects> Commit(Batch& b);

  store::Store* store_;
  std::unique_ptr<DecisionRecords> records_;
  MethodRegistry* methods_;
  const Clock* clock_;
  IdGen* ids_;
};

}  // namespace srm::service
