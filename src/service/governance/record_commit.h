// One write of an issue-16 record with its audit entry, in one transaction (as every use case of
// service/money does). `before`/`after` are the audit bodies ("" when there was no record).
#pragma once

#include <string>

#include "service/principal.h"
#include "store/store.h"

namespace srm::service::governance_detail {

template <typename R>
Status CommitRecord(store::Store* store, const Principal& p, const std::string& role, const std::string& action,
                    const std::string& kind, const R& after, int64_t expected_revision, std::string before_body,
                    std::string after_body) {
  store::WriteBatch batch;
  batch.records.push_back({store::AnyRecord(after), expected_revision});
  store::AuditEvent audit{p.user.id,  p.user.username,         role, action, kind,
                          after.id,   std::move(before_body), std::move(after_body), p.request_id};
  return store->Write(batch, {audit});
}

// Every page of a list, for the small lists (bodies, open decisions) a view reads whole.
template <typename T, typename F>
Result<std::vector<T>> AllPages(F&& list) {
  std::vector<T> out;
  store::PageRequest page;
  page.limit = 500;
  for (int guard = 0; guard < 200; ++guard) {
    SRM_ASSIGN(p, list(page));
    for (auto& x : p.items) out.push_back(std::move(x));
    if (p.next.empty()) break;
    page.after = p.next;
  }
  return out;
}

}  // namespace srm::service::governance_detail
