// Security governance (issue 16; the 2025 review, 002 §§ 40-41, 49): the bodies (the security
// governance group, IASMN, the Executive Group on Security, SMTs, the Finance and Budget Network)
// with their members, versioned terms of reference and reporting lines; their meetings; the
// decisions taken there with who is tasked by when; and dated obligations (the group's 12-month
// effectiveness review) that the dashboard shows when due. Rules: domain/governance.h.
//
// Everybody signed in reads it (governance is the system's own transparency); the governance
// secretariat (role governance) and administrators record it. Every write is one transaction
// with its audit entry.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/records/governance_records.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

struct BodyInput {
  std::string kind, name, country_id, reports_to, reports_to_body_id, established_on;
  std::vector<domain::records::GovernanceMember> members;
};
struct MeetingInput {
  std::string body_id, held_on, title, summary;
};
struct DecisionInput {
  std::string meeting_id, text, tasked_to, tasked_user_id, due_on;
};

// A dated duty as the dashboard lists it.
struct DueItem {
  std::string kind;  // obligation | decision
  std::string id, body_id, body_name, title, due_on, state;
};

class GovernanceService {
 public:
  GovernanceService(store::Store* store, const Clock* clock, IdGen* ids);

  Result<domain::records::GovernanceBody> CreateBody(const Principal& p, const BodyInput& in);
  // Narrow (search, sort) only ever narrows.
  Result<store::Page<domain::records::GovernanceBody>> ListBodies(const Principal& p, const std::string& kind,
                                                                  const store::PageRequest& page,
                                                                  const store::ListNarrowing& narrow = {});
  Result<domain::records::GovernanceBody> GetBody(const Principal& p, const std::string& id);
  Result<domain::records::GovernanceBody> AddMember(const Principal& p, const std::string& body_id,
                                                    const domain::records::GovernanceMember& m);
  Result<domain::records::GovernanceBody> DraftTor(const Principal& p, const std::string& body_id,
                                                   const std::string& text);
  Result<domain::records::GovernanceBody> PublishTor(const Principal& p, const std::string& body_id, int version);
  Result<domain::records::GovernanceBody> CompleteObligation(const Principal& p, const std::string& body_id,
                                                             const std::string& obligation_id);

  Result<domain::records::GovernanceMeeting> CreateMeeting(const Principal& p, const MeetingInput& in);
  // One meeting, for whoever reads governance records (as GetBody): what a decision's file names
  // its meeting by (issue 18).
  Result<domain::records::GovernanceMeeting> GetMeeting(const Principal& p, const std::string& id);
  // Narrow (search, held dates, sort) only ever narrows.
  Result<store::Page<domain::records::GovernanceMeeting>> ListMeetings(const Principal& p, const std::string& body_id,
                                                                       const store::PageRequest& page,
                                                                       const store::ListNarrowing& narrow = {});
  Result<domain::records::GovernanceDecision> CreateDecision(const Principal& p, const DecisionInput& in);
  Result<store::Page<domain::records::GovernanceDecision>> ListDecisions(const Principal& p,
                                                                         const store::GovernanceFilter& f,
                                                                         const store::PageRequest& page);
  Result<domain::records::GovernanceDecision> CompleteDecision(const Principal& p, const std::string& id);

  // Obligations and decisions' tasks that are due (within 30 days) or overdue on today's date.
  Result<std::vector<DueItem>> Due(const Principal& p);

 private:
  Status CanRecord(const Principal& p) const;
  Status CanRead(const Principal& p) const;
  Result<domain::records::GovernanceBody> LoadBody(const std::string& id);
  Status CheckMember(const domain::records::GovernanceMember& m);
  Status SaveBody(const Principal& p, const std::string& action, const domain::records::GovernanceBody& before,
                  domain::records::GovernanceBody after);
  std::string Now() const;
  std::string Today() const;

  store::Store* store_;
  const Clock* clock_;
  IdGen* ids_;
};

}  // namespace srm::service
