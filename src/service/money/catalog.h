// The results chain (the catalog of security services) and the universal price list
// (SRM-METHOD.md §8, issue 15; review 002 §§24, 29, 34-36, 46-49).
//
// Who may do what:
//   - every signed-in user reads the catalog and the PUBLISHED price lists (the review asks for
//     transparency of what services cost);
//   - drafts are read by the security governance group, administrators, auditors and finance
//     officers;
//   - a service is created or versioned by an administrator or the governance group;
//   - a draft price list is created, copied (from_id) and edited by the governance group or an
//     administrator; it is published by the governance group only, never by its drafter
//     (separation of duties, §7a), and never changes once published: a change is a new version.
// "The governance group" is a governance grant that is not limited to an organization, country or
// area: the price list is universal, so a grant scoped to one organization does not cover it.
// Every write is one transaction with its audit entry.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/catalog_json.h"
#include "domain/catalog_rules.h"
#include "domain/records/catalog_records.h"
#include "service/principal.h"
#include "store/store.h"

namespace srm::service {

// The price list in force for a year: its highest published version, or nullopt when the year has
// none. For callers that price (budgets): pass the result to domain::LinePriceMinor.
Result<std::optional<domain::records::PriceList>> PublishedPriceList(store::Store& store, int year);

class CatalogService {
 public:
  CatalogService(store::Store* store, const Clock* clock, IdGen* ids);

  // ---- the results chain ----
  // A code the catalog has: a new version of it (the previous one kept, superseded).
  Result<domain::records::SecurityService> PutService(const Principal& p, const domain::ServiceBody& in);
  Result<store::Page<domain::records::SecurityService>> ListServices(const Principal& p,
                                                                     const store::SecurityServiceFilter& f,
                                                                     const store::PageRequest& page);

  // ---- the universal price list ----
  Result<domain::records::PriceList> CreatePriceList(const Principal& p, const domain::PriceListCreateBody& in);
  Result<domain::records::PriceList> EditPriceList(const Principal& p, const std::string& id,
                                                   const domain::PriceListEditBody& in);
  Result<domain::records::PriceList> Publish(const Principal& p, const std::string& id,
                                             std::optional<int64_t> revision);
  Result<domain::records::PriceList> GetPriceList(const Principal& p, const std::string& id);
  Result<store::Page<domain::records::PriceList>> ListPriceLists(const Principal& p, const store::PriceListFilter& f,
                                                                 const store::PageRequest& page);
  // What changed from `against_id` to `id`.
  Result<domain::PriceListDiff> Diff(const Principal& p, const std::string& id, const std::string& against_id);

 private:
  Result<domain::records::PriceList> Load(const std::string& id);
  Result<std::set<std::string, std::less<>>> CurrentCodes();
  Result<int> NextVersion(int year);
  Status Commit(const Principal& p, const std::string& role, const std::string& action, const std::string& type,
                const std::string& id, const std::string& before, const std::string& after,
                std::vector<store::RecordWrite> writes);
  std::string Now() const;

  store::Store* store_;
  const Clock* clock_;
  IdGen* ids_;
};

}  // namespace srm::service
