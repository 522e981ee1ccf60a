// The action plan (issue 16; 002 § 49 b-d, g): the recommendations for model 1 and category 1
// ("no-regret"), 2 (already under way) and those needing further study, each with its lead,
// milestones, status and typed evidence links to the things in the product that show progress
// (a published price list, a fund request, a service-level agreement, a governance decision),
// each checked to exist. Rules: domain/governance.h.
//
// Everybody signed in reads the plan; the governance secretariat (and administrators) keep it.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/governance.h"
#include "domain/records/governance_records.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

struct ActionItemInput {
  std::string code, title, category, model, lead, lead_body_id, due_on, source;
  std::vector<domain::records::ActionMilestone> milestones;  // title and due_on
};

struct ActionItemRead {
  domain::records::ActionPlanItem item;
  domain::governance::ItemProgress progress;
};

struct CategoryProgress {
  std::string category;
  int items = 0, done = 0, overdue = 0, blocked = 0;
  int percent = 0;  // the mean of the items' percentages, rounded down
};
struct PlanProgress {
  std::vector<CategoryProgress> categories;  // no_regret, under_way, further_study
  std::vector<ActionItemRead> items;
  int percent = 0;
};

class ActionPlanService {
 public:
  ActionPlanService(store::Store* store, const Clock* clock, IdGen* ids);

  Result<ActionItemRead> Create(const Principal& p, const ActionItemInput& in);
  Result<store::Page<ActionItemRead>> List(const Principal& p, const store::ActionPlanFilter& f,
                                           const store::PageRequest& page);
  Result<ActionItemRead> Get(const Principal& p, const std::string& id);
  Result<ActionItemRead> SetStatus(const Principal& p, const std::string& id, const std::string& status);
  Result<ActionItemRead> AddMilestone(const Principal& p, const std::string& id, const std::string& title,
                                      const std::string& due_on);
  Result<ActionItemRead> CompleteMilestone(const Principal& p, const std::string& id, const std::string& milestone_id);
  Result<ActionItemRead> LinkEvidence(const Principal& p, const std::string& id, const std::string& kind,
                                      const std::string& target_id, const std::string& note);
  Result<PlanProgress> Progress(const Principal& p);

 private:
  Status CanRecord(const Principal& p) const;
  Status CanRead(const Principal& p) const;
  Result<domain::records::ActionPlanItem> Load(const std::string& id);
  ActionItemRead Read(domain::records::ActionPlanItem item) const;
  Status Save(const Principal& p, const std::string& action, const domain::records::ActionPlanItem& before,
              domain::records::ActionPlanItem after);
  // Whether the evidence target exists, and its status where it has one.
  Result<std::pair<bool, std::string>> Target(const std::string& kind, const std::string& id);
  std::string Now() const;
  std::string Today() const;

  store::Store* store_;
  const Clock* clock_;
  IdGen* ids_;
};

}  // namespace srm::service
