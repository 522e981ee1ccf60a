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
//   - a request names the programme it serves (none: PC4); each leg's PC comes from that
//     programme's current PC assessment, never from the traveller (issue 14);
//   - a referred leg is decided by the DSS security adviser for the area (a security professional
//     of the pack's area_sra_conductor organization, or an sra_designate) on behalf of the DO; the
//     security cell records advice only; nobody decides or advises on a leg they requested or
//     travel on; EGS no-go, Unacceptable, "no specific SRA" and a residual above the PC's limit
//     are never overridden;
//   - EGS decisions are recorded by the DSS regional desk (DSS is the EGS secretariat), for the
//     areas its grant covers; not by administrators or a single agency's executive office;
//   - a specific SRA is coordinated by the agency HQ security office and approved or refused by the
//     executive head's office, both of the SRA's organization;
//   - PC assessments are recorded by the PC lead (RC/HC/SRSG office) for the country, expire after
//     the pack's pc_assessment_months, and a PC1 counts once the executive head's office of the
//     programme's organization confirms it (another person); the executive approval of a Very High
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
#include "domain/programme_criticality.h"
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
struct AcceptanceInput {  // a signed risk acceptance (SRM-METHOD.md 7a)
  std::string reasons, conditions;
  std::string expires_on;  // YYYY-MM-DD; "" = none given (refused: an expiry is required)
};
struct AvoidanceInput {  // the Designated Official's relocation / evacuation / alternative modality
  std::string area_id, kind, from, to, destination, reason, personnel;
  int64_t personnel_count = 0;
};
struct ProgrammeInput {  // a programme and its activity, registered in an area (issue 14)
  std::string organization_id, area_id, name, activity;
  std::string manager_id;  // the user who runs the activity ("" = nobody named)
  int64_t pc = 4;          // the registered PC until a PC assessment sets it
  int64_t international = 0, national = 0, on_mission = 0;
};
struct PcAssessmentInput {  // SRM-METHOD.md 7a: the PC lead records the programme's criticality
  std::optional<int64_t> pc;  // 1..4; nullopt = the programme's registered PC
  std::string comment;
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
// An EGS no-go in force in an area on a day (service/decisions/visibility.cpp).
struct AreaNoGo {
  std::string area_id, area_name, country_id, egs_id, from, to, reason, meeting_ref, decided_at;
};
// Who is in an area on a day: registered programme personnel plus cleared travellers.
struct HeadcountTotals {
  struct ByOrg {
    std::string organization_id;
    int registered = 0, travellers = 0;
  };
  std::string area_id, date;
  int registered = 0;   // international + national personnel of the programmes in the area
  int travellers = 0;   // distinct travellers whose cleared legs cover the day
  int total = 0;
  std::vector<ByOrg> by_organization;
};
struct EgsRecorded {
  domain::records::EgsRecord record;
  int redecided_legs = 0, redecided_activities = 0;
};
struct SpecificTransitioned {
  domain::records::SpecificSraApproval approval;
  int redecided_legs = 0;
};
// Where an activity stands on risk acceptance, for the reader (service/decisions/acceptance.cpp).
struct AcceptanceState {
  std::string need;                          // none | org_head | executive_office | nobody | never
  domain::records::ReasonCode rule;          // why that signer (or nobody)
  std::vector<std::string> options;          // nobody / never: control, avoid, transfer, do_not_proceed
  std::optional<domain::records::RiskAcceptance> latest;  // the latest acceptance signed
  bool in_force = false;
  domain::records::ReasonCode state;         // acceptance_in_force | _expired | _voided | ... | no_acceptance
  bool may_sign = false;                     // the reader may sign now
  domain::records::ReasonCode sign_check;    // why (not)
};
struct ActivityView {
  domain::records::ActivityDecisionRecord decision;
  bool recorded = false;  // false: computed now, not stored yet
  AcceptanceState acceptance;
};
// A page of activity decisions with what each card shows besides: the current PC assessment of
// each programme (one query per page), and on the first page the programmes in scope that have no
// decision yet (registered in an area without a published SRA, say): people see what is missing.
struct ActivityList {
  store::Page<domain::records::ActivityDecisionRecord> page;
  std::map<std::string, domain::records::PcAssessment> pc_assessments;  // by programme id
  std::vector<domain::Programme> undecided;
};
struct ManagerCandidate {
  std::string id, username, display_name;
};
struct ProgrammeRegistered {
  domain::Programme programme;
  domain::records::ActivityDecisionRecord decision;  // decided when registered
};
struct PcAssessmentRecorded {
  domain::records::PcAssessment assessment;
  int redecided_legs = 0;
};
struct MossMeasureView {
  std::string area_id, sra_id, scenario_id, scenario, measure_id, type, description, owner, status, currency;
  int64_t cost_minor = 0;
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
  int64_t cost_minor = 0;
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
                                                                        const store::PageRequest& page,
                                                                        const std::string& area_id = {},
                                                                        const store::ListNarrowing& narrow = {});
  // Referred legs awaiting this principal. queue: "security" (security cell / DSS desk) or
  // "executive" (executive office); "" = the first queue the principal's roles serve.
  Result<store::Page<domain::records::ClearanceLeg>> ClearanceInbox(const Principal& p, const std::string& queue,
                                                                    const store::PageRequest& page);
  Result<domain::records::ClearanceLeg> DecideReferredLeg(const Principal& p, const std::string& request_id,
                                                          const std::string& leg_id, const LegDecisionInput& in);
  // Cleared legs in the area on `date` ("" = today): who is there.
  Result<store::Page<HeadcountEntry>> Headcount(const Principal& p, const std::string& area_id, const std::string& date,
                                                const store::PageRequest& page);

  // Registered programme personnel plus cleared travellers in the area on `date` ("" = today),
  // within the reader's organizations (service/decisions/visibility.cpp).
  Result<HeadcountTotals> HeadcountSummary(const Principal& p, const std::string& area_id, const std::string& date);

  // ---- Executive Group on Security ----
  // The no-go decisions in force on `date` ("" = today) in the areas the reader can see: for the
  // map and the dashboard (service/decisions/visibility.cpp).
  Result<std::vector<AreaNoGo>> NoGoInForce(const Principal& p, const std::string& date);
  Result<EgsRecorded> RecordEgs(const Principal& p, const EgsInput& in);
  Result<domain::records::EgsRecord> GetEgs(const Principal& p, const std::string& id);
  // Decision ("" = any) and narrowing (search, window dates, sort) only ever narrow.
  Result<store::Page<domain::records::EgsRecord>> ListEgs(const Principal& p, const std::string& area_id,
                                                          const store::PageRequest& page,
                                                          const std::string& decision = "",
                                                          const store::ListNarrowing& narrow = {});

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
  // Organization_id ("" = any in scope) and narrowing (search, decision dates with the
  // upper bound exclusive, sort) only ever narrow; the undecided programmes follow the same search.
  Result<ActivityList> ListActivities(const Principal& p, const std::string& area_id, const std::string& status,
                                     const store::PageRequest& page, const std::string& organization_id = "",
                                     const store::ListNarrowing& narrow = {});
  // Registers a programme and its activity and decides it at once (service/decisions/programmes.cpp):
  // by the organization's head in the country (an SMT member of the organization) or the PC lead
  // for the area's country; the manager, if named, is a user of the programme's organization.
  Result<ProgrammeRegistered> RegisterProgramme(const Principal& p, const ProgrammeInput& in);
  // Who may be named to run a programme of `org_id`: its active users, for whoever may register
  // that organization's programmes (its SMT members, the PC lead).
  Result<std::vector<ManagerCandidate>> ManagerCandidates(const Principal& p, const std::string& org_id);
  // A PC assessment by the PC lead (RC/HC/SRSG office) whose grant covers the programme's country;
  // it replaces the previous one and expires after the pack's pc_assessment_months. A PC1 counts
  // only once confirmed (ConfirmPcAssessment). Service file: service/decisions/pc_assessments.cpp.
  Result<PcAssessmentRecorded> RecordPcAssessment(const Principal& p, const std::string& programme_id,
                                                  const PcAssessmentInput& in);
  // The executive head's office of the programme's organization confirms a PC1, not its recorder.
  Result<PcAssessmentRecorded> ConfirmPcAssessment(const Principal& p, const std::string& programme_id,
                                                   const std::string& comment);
  Result<std::optional<domain::records::PcAssessment>> GetPcAssessment(const Principal& p,
                                                                       const std::string& programme_id);
  Result<domain::records::ActivityDecisionRecord> RecordExecApproval(const Principal& p, const std::string& programme_id,
                                                                     const std::string& comment);
  // A signed acceptance of the activity's residual risk, by the entitled signer only.
  Result<ActivityView> AcceptRisk(const Principal& p, const std::string& programme_id, const AcceptanceInput& in);
  // Every acceptance of the activity, newest first.
  Result<std::vector<domain::records::RiskAcceptance>> ListAcceptances(const Principal& p,
                                                                       const std::string& programme_id);
  // The Designated Official's avoidance decisions (relocation, evacuation) for an area.
  Result<domain::records::AvoidanceDecision> RecordAvoidance(const Principal& p, const AvoidanceInput& in);
  // `narrowed` holds the reader's area, kind, search and sort; it only ever removes rows from
  // what the reader's grants show (its `areas` is ignored: the scope is computed here).
  Result<store::Page<domain::records::AvoidanceDecision>> ListAvoidance(const Principal& p,
                                                                        store::AvoidanceFilter narrowed,
                                                                        const store::PageRequest& page);

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
    store::ListNarrowing narrow;  // Search, due dates, sort
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
  // True when the programme has a current PC assessment today (CurrentPc(...).assessed).
  Result<bool> PcAssessed(Batch& b, const std::string& programme_id);
  // The PC a programme is judged at over [from_day, to_day] (domain::ProgrammePcDuring): its
  // current assessment's, else PC4 with the reason ("" programme = travel serving none).
  Result<domain::ProgrammePc> CurrentPc(Batch& b, const std::string& programme_id, int from_day, int to_day);
  Result<std::optional<domain::PcAssessmentFacts>> PcFacts(Batch& b, const std::string& programme_id);
  Result<LegRequest> CheckClearance(const Principal& p, const ClearanceInput& in);
  Result<ClearanceView> DecideNew(Batch& b, const LegRequest& r, const std::string& request_id, bool preview);
  Status Redecide(Batch& b, std::vector<domain::records::ClearanceLeg> legs, const std::string& cause);
  // The request's overall status again after some of its legs changed (leg id -> new status).
  Status Reaggregate(Batch& b, const std::string& request_id, const std::map<std::string, std::string>& changed,
                     const std::string& action, const std::string& cause);
  Status RedecideActivities(Batch& b, const std::string& area_id, const std::string& cause);
  // On publication of an area SRA its approved measures flow into the MOSS/RSM checklists already
  // kept in the area: each (location, organization) gets the measures it does not have yet.
  Status ChecklistsOnPublish(Batch& b, const domain::Sra& sra);
  Status Notify(Batch& b, const std::string& user_id, const std::string& org_id, const std::string& type,
                const std::string& object_id, const std::string& message, const domain::records::NotificationDetail& detail);
  Result<std::vector<std::string>> OrgUserIds(Batch& b, const std::string& org_id);
  Result<std::optional<domain::Programme>> FindProgramme(const std::string& id);
  Result<domain::records::ActivityDecisionRecord> DecideActivity(
      Batch& b, const domain::Programme& prog, const std::optional<domain::records::ActivityDecisionRecord>& prior,
      const std::string& cause, bool* changed);
  Result<PublishEffects> Commit(Batch& b);
  // ---- acceptance (service/decisions/acceptance.cpp) ----
  struct ActivityBasis;
  // The residual and current risk the activity is judged at: the highest among the scenarios of
  // the area SRA in force that concern it (all of them by default).
  Result<ActivityBasis> BasisOf(Batch& b, AreaFacts& f, const domain::Programme& prog);
  // The programmes an area SRA assesses that are not registered, as programmes with stable ids.
  Result<std::vector<domain::Programme>> SraProgrammes(Batch& b, AreaFacts& f,
                                                       const std::vector<domain::Programme>& registered);
  Result<std::optional<domain::records::RiskAcceptance>> LatestAcceptance(const std::string& programme_id);
  Result<AcceptanceState> AcceptanceFor(Batch& b, const domain::Programme& prog,
                                        const domain::records::ActivityDecisionRecord& decision);
  // Voids the latest acceptance of the programme when a material change ended it (written in b).
  Status VoidIfChanged(Batch& b, const domain::Programme& prog, const domain::records::ActivityDecisionRecord& r);

  store::Store* store_;
  std::unique_ptr<DecisionRecords> records_;
  MethodRegistry* methods_;
  const Clock* clock_;
  IdGen* ids_;
};

}  // namespace srm::service
