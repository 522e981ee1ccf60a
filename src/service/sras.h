// SRA use cases: create, edit while draft/returned, scenarios, workflow transitions, versions,
// diff, revision. Every write checks role and scope, validates against the SRA's methodology
// pack and is one store transaction with its audit entry. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/review_comments.h"
#include "domain/sra.h"
#include "domain/sra_body_json.h"
#include "service/methods.h"
#include "service/principal.h"
#include "service/sra_read_cache.h"
#include "store/store.h"

namespace srm::service {

struct SraDoc {
  std::string id;
  std::string json;   // the stored document, ready to send
  int64_t revision = 0;
  // A hash of `json` when it is already known (a read rendered from a kept view: SraReadView::
  // Render), so the ETag need not hash the body again; otherwise the ETag hashes `json`.
  std::optional<uint64_t> json_hash;
};

// What publishing an SRA adds to its own transaction: the decision records re-decided because the
// SRA they rest on changed (clearances, activity decisions, notifications) and their audit entries.
struct PublishEffects {
  std::vector<store::RecordWrite> records;
  std::vector<store::AuditEvent> audit;
};
// Called by Transition(approve) with the SRA as it is about to be published (status published,
// review date set); what it returns is written in the same Write as the publication.
using PublishHook =
    std::function<Result<PublishEffects>(const Principal&, const domain::Sra&, const domain::MethodPack&)>;

// Returns the evidence engine's suggested likelihood today for an area, a threat category and an
// SRA period in days (0 = the pack's default); an error when there is no suggestion to record.
// The scenario's evidence filter narrows the incidents that count; a suggestion with
// no_evidence_reason set records that the incidents suggest nothing (domain/scenario_evidence.h).
using LikelihoodSuggester = std::function<Result<domain::LikelihoodSuggestion>(
    const std::string& area_id, const std::string& threat_category, const domain::IncidentSelector& filter,
    int period_days)>;

// The area SRA in force in an area on a day (SRM-METHOD.md §7a), and whether it is current then.
struct AreaSraInForce {
  store::SraRow row;
  domain::Sra sra;
  domain::SraValidity validity;
};
// The area SRA in force on `day` (YYYY-MM-DD): published on or before that day and not superseded
// before it; for today and later days, the one published now. nullopt when the area has none.
// Used by clearances, activities, MOSS and the map; no principal: callers check scope.
Result<std::optional<AreaSraInForce>> AreaSraInForceOn(store::Store* st, const std::string& area_id,
                                                        std::string_view day);

// What review comments (service/review_comments.h) need to know of a principal and an SRA version:
// the SRA as stored and the facts of domain::ReviewParty, from the checks MayTake(return),
// CheckReadable and CheckConducts make, so comments follow the workflow's entitlement.
struct SraReviewFacts {
  domain::Sra sra;
  domain::ReviewParty party;
  std::string step_role;  // the role the SRA's current step needs ("" when it waits for no reviewer)
};

class SraService {
 public:
  SraService(store::Store* store, MethodRegistry* methods, const Clock* clock, IdGen* ids)
      : store_(store), methods_(methods), clock_(clock), ids_(ids) {}

  // The body read at the API edge (domain/sra_body_json.h); the header fields against the active pack.
  Result<SraDoc> Create(const Principal& p, const domain::SraCreateBody& in);
  // The same from a JSON body (demo seed, CLI): SraCreateBodyFrom, then the typed Create.
  Result<SraDoc> Create(const Principal& p, const nlohmann::json& body);
  // The document with its validity today ("validity": in_force, current, reason, valid_until).
  Result<SraDoc> Get(const Principal& p, const std::string& id);
  // Every piece the SRA lacks to leave draft (empty when it is complete).
  Result<std::vector<domain::MissingPiece>> Missing(const Principal& p, const std::string& id);
  Result<store::Page<store::SraRow>> List(const Principal& p, store::SraFilter filter,
                                          const store::PageRequest& page);
  // Edits header fields (title, scope, situation, programmes, threats) while draft/returned.
  Result<SraDoc> Update(const Principal& p, const std::string& id, const domain::SraEditBody& in);
  Result<SraDoc> Update(const Principal& p, const std::string& id, const nlohmann::json& body);
  Result<SraDoc> AddScenario(const Principal& p, const std::string& id, const nlohmann::json& body);
  Result<SraDoc> UpdateScenario(const Principal& p, const std::string& id, const std::string& scenario_id,
                                const nlohmann::json& body);
  Result<SraDoc> DeleteScenario(const Principal& p, const std::string& id, const std::string& scenario_id);
  // body: {action, comment}
  Result<SraDoc> Transition(const Principal& p, const std::string& id, const nlohmann::json& body);
  // Starts version n+1 as a draft from a published SRA.
  Result<SraDoc> Revise(const Principal& p, const std::string& id);
  Result<std::vector<store::SraRow>> Versions(const Principal& p, const std::string& id);
  // Differences from version `from_version` (0 = the previous version) to this one.
  Result<std::string> Diff(const Principal& p, const std::string& id, int from_version);
  // The facts of review comments for p on SRA `id` (404 when there is no such SRA).
  Result<SraReviewFacts> ReviewFacts(const Principal& p, const std::string& id);
  // SRAs waiting for an action by this principal (the approvals inbox).
  // narrowed: the reader's search, area/status filters and sort; it only removes rows.
  Result<store::Page<store::SraRow>> Inbox(const Principal& p, store::SraFilter narrowed,
                                           const store::PageRequest& page);
  // Set once at wiring time, before any request is served.
  void SetPublishHook(PublishHook hook) { publish_hook_ = std::move(hook); }
  // Whether publication registers and re-decides what rests on the SRA (false in worlds built
  // without the decision service, e.g. service-level tests).
  bool HasPublishHook() const { return static_cast<bool>(publish_hook_); }
  // Set once at wiring time: when a scenario's likelihood is set, the suggestion of that moment is
  // recorded on the scenario beside the assessor's choice (none recorded when unset).
  void SetLikelihoodSuggester(LikelihoodSuggester f) { suggester_ = std::move(f); }

 private:
  struct Loaded;
  Result<Loaded> Load(const std::string& id);
  Status CheckReadable(const Principal& p, const store::SraRow& row);
  // Who conducts (§7a): area SRAs by a security professional of the pack's conducting
  // organization (DSS) for the area or one it designates there; specific SRAs by a security
  // professional of the SRA's own organization for the area.
  // `org_code`, when given, memoizes p's organization code across the checks of one read.
  Status CheckConducts(const Principal& p, const domain::MethodPack& m, const domain::Sra& s, const char* what,
                       std::optional<std::string>* org_code = nullptr);
  // Whether p may take the workflow action on s now: the status allows it, p holds the role (the
  // drafter's step: p conducts the SRA) and separation of duties holds. The content checks
  // (ready to submit, a return's comment) are the transition's own. Transition and the read
  // model's "actions" both ask it.
  Status MayTake(const Principal& p, const domain::MethodPack& m, const domain::Sra& s, domain::Action a,
                 std::optional<std::string>* org_code = nullptr);
  // Whether p may change this version now (header, programmes, scenarios): p conducts it
  // (CheckConducts; `what` names the change in the refusal) and it is a draft or returned. Update,
  // the scenario routes and the read model's "edit" all ask it, so the UI and the server agree.
  Status MayEdit(const Principal& p, const domain::MethodPack& m, const domain::Sra& s, const char* what,
                 std::optional<std::string>* org_code = nullptr);
  // Whether p may start a new version from s: p conducts it, s is the published version and no
  // later version of its series is in progress (`version_in_progress`, read with the row:
  // store::SraRow). Revise and the read model's "revise" both ask it.
  Status MayRevise(const Principal& p, const domain::MethodPack& m, const domain::Sra& s, int version_in_progress,
                   std::optional<std::string>* org_code = nullptr);
  Result<SraDoc> SaveEdit(const Principal& p, Loaded& l, const std::string& action);
  // The row of s as stored (its document domain::SraToJson).
  store::SraRow RowFor(const domain::MethodPack& m, const domain::Sra& s);
  // What a write of s stores (row) and answers once written (answer: the document with who acted
  // named, as Get names them; looked up before the write).
  struct Written {
    store::SraRow row;
    SraDoc answer;
  };
  Result<Written> Prepare(const domain::MethodPack& m, const domain::Sra& s);
  void RecordSuggestion(const domain::Sra& sra, const domain::Scenario* before, domain::Scenario* after);

  store::Store* store_;
  MethodRegistry* methods_;
  const Clock* clock_;
  IdGen* ids_;
  PublishHook publish_hook_;
  LikelihoodSuggester suggester_;
  SraReadCache read_cache_;  // Get's caller-independent part, per stored document (sra_read_cache.h)
};

}  // namespace srm::service
