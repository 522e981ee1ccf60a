// Idempotency keys: a client that did not see the answer to a creating request (lost connection,
// 503, server killed) sends it again with the same Idempotency-Key and gets the first answer, never a
// second record. Records live in the database (documents of kind "idempotency"), so any server
// behind the load balancer answers the repeat.
//
// The record is written in the SAME transaction as the request's first Store::Write(): a store
// wrapped by WithIdempotencyRecords() adds it there while an IdempotencyScope is active on the
// thread. So either the change and its key commit together, or neither does; a repeat can never
// apply the change twice. The reply is recorded right after; if that second step is lost, a repeat
// is told the request was applied (kConflict "already_applied", naming the object).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/store.h"

namespace srm::store {

inline constexpr const char* kIdempotencyKind = "idempotency";

// What a request answered, as recorded and replayed.
struct IdempotentReply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

struct IdempotentOutcome {
  IdempotentReply reply;
  bool replayed = false;  // the stored answer of an earlier request with this key
};

// Runs `run` at most once per (user_id, key) across every server on the database:
//  - a repeat of a recorded request returns the recorded reply (replayed);
//  - the same key with a different request (`fingerprint`: method, path and body) is kInvalid 422
//    "idempotency_key_reused"; a key that is empty, longer than 255 or not printable ASCII is
//    kInvalid "invalid_idempotency_key";
//  - a repeat arriving while the first is being answered waits (up to 2 s) for its answer;
//  - a request whose change committed but whose reply was lost is kConflict "already_applied";
//  - a request racing another with the same key loses with kConflict "idempotency_key_in_use".
// `run` returns the reply, or an error that is passed through unrecorded unless the request's change
// committed (then `render` turns it into the recorded reply). `store` must be the wrapped store the
// services write through.
Result<IdempotentOutcome> RunIdempotent(Store& store, const Clock& clock, const std::string& user_id,
                                        const std::string& key, const std::string& fingerprint,
                                        const std::function<Result<IdempotentReply>()>& run,
                                        const std::function<IdempotentReply(const Error&)>& render);

// Forwards every call to `inner`; the first Write() on a thread inside RunIdempotent also inserts
// that request's idempotency record, in the same transaction.
std::unique_ptr<Store> WithIdempotencyRecords(std::unique_ptr<Store> inner);

}  // namespace srm::store
