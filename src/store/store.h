// The one persistence interface. Every backend (sqlite/, later postgres/) implements it and passes
// tests/store/store_conformance_test.cpp.
//
// Contract: every mutating call is ONE transaction that also appends its audit entries to the
// hash chain; either the change and its audit entries persist together or neither does. A call
// that returns success is durable. Implementations are thread-safe: any number of threads may
// call any method concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "domain/entities.h"

namespace srm::store {

using domain::Area;
using domain::Country;
using domain::Location;
using domain::Organization;
using domain::Programme;
using domain::Region;
using domain::User;

// What a caller records about a change. The store adds seq, time and the chain hashes.
struct AuditEvent {
  std::string actor_id;    // user id, or "system"
  std::string actor_name;  // username at the time
  std::string role;        // role the actor used
  std::string action;      // e.g. "sra.create", "sra.transition.approve", "user.create"
  std::string object_type; // "sra", "user", "method", ...
  std::string object_id;
  std::string before;      // JSON text or empty
  std::string after;       // JSON text or empty
  std::string request_id;
};

struct AuditEntry {
  int64_t seq = 0;         // 1, 2, 3, ... in chain order
  std::string at;          // RFC 3339 UTC
  AuditEvent event;
  std::string prev_hash;   // hash of entry seq-1 ("" ... "0"*64 for the first)
  std::string hash;        // SHA-256 over prev_hash and this entry's canonical form
};

struct AuditVerification {
  bool ok = true;
  int64_t entries = 0;
  std::optional<int64_t> first_bad;  // seq (or position) of the first entry that does not verify
  std::string reason;
  // The newest entry's hash. Recording it outside the database (a ticket, an email) lets a later
  // verification also catch entries cut off the end of the chain, which no chain can show alone.
  std::string head_hash;
};

// Keyset pagination: `after` is the opaque cursor returned as `next` by the previous page.
struct PageRequest {
  int limit = 50;          // 1..500
  std::string after;
};
template <typename T>
struct Page {
  std::vector<T> items;
  std::string next;        // empty on the last page
  int64_t total = 0;       // rows matching the filter
};

// An SRA version as stored: indexed columns beside the full JSON document.
struct SraRow {
  std::string id;
  std::string series_id;
  int version = 1;
  std::string kind;        // area | specific
  std::string title;
  std::string area_id;
  std::string country_id;
  std::string organization_id;
  std::string status;
  std::string method_version;
  std::string overall_residual;  // risk level name or ""
  std::string review_due;        // YYYY-MM-DD or ""
  std::string created_at;
  std::string updated_at;
  int64_t revision = 0;    // bumped by the store on each successful write
  std::string doc;         // JSON document (domain::SraToJson), empty in list results
};

struct SraFilter {
  std::string area_id;
  std::string series_id;
  std::string country_id;
  std::vector<std::string> statuses;   // any of; empty = all
  std::vector<std::string> area_ids;   // restrict to these areas (scope); empty = no restriction
  bool restrict_areas = false;         // when true and area_ids is empty, nothing matches
};

// One SRA write in a batch: insert when expected_revision is 0, else update only if the stored
// revision equals expected_revision (optimistic concurrency; a mismatch is kConflict).
struct SraWrite {
  SraRow row;
  int64_t expected_revision = 0;
};

// A document of a later capability (clearance request, compliance item, go/no-go decision, ...)
// with the columns lists filter on beside the JSON body. New capabilities store their records as
// kinds of document, so every backend carries them without a new table or interface method.
struct DocRow {
  std::string kind;        // e.g. "clearance", "compliance_item", "egs_decision"
  std::string id;
  std::string org_id, country_id, area_id;  // scope columns ("" when not scoped)
  std::string status;
  std::string starts_on, ends_on;           // YYYY-MM-DD time window, "" when none
  std::string ref_id;                       // a related object (e.g. the SRA it rests on)
  std::string owner_id;                     // the user who owns / requested it
  std::string created_at, updated_at;
  int64_t revision = 0;                     // bumped by the store on each write
  std::string doc;                          // JSON; empty in list results unless with_doc
};

struct DocFilter {
  std::string kind;                          // required
  std::string org_id, country_id, area_id, status, ref_id, owner_id;
  std::vector<std::string> statuses;         // any of; empty = all
  std::vector<std::string> area_ids;         // restrict to these areas (scope)
  bool restrict_areas = false;               // when true and area_ids is empty, nothing matches
  std::string active_on;                     // starts_on <= d and (ends_on = "" or ends_on >= d)
  std::string overlaps_from, overlaps_to;    // window intersects [from, to]
  bool with_doc = false;                     // fill DocRow::doc in results
};

// Insert when expected_revision is 0, else update only at that revision (kConflict otherwise).
struct DocWrite {
  DocRow row;
  int64_t expected_revision = 0;
};

struct Session {
  std::string token_hash;  // SHA-256 of the secret; the secret itself is never stored
  std::string user_id;
  std::string kind;        // "cookie" | "token"
  std::string csrf_token;  // cookie sessions only
  int64_t created_ms = 0;
  int64_t expires_ms = 0;
};

struct MethodRecord {
  std::string version;
  std::string json;
  bool active = false;
  std::string installed_at;
};

class Store {
 public:
  virtual ~Store() = default;

  // Applies pending migrations; idempotent. Returns the schema version reached.
  virtual Result<int> Migrate() = 0;

  // --- Organizations, geography, programmes (upsert by id) ---
  virtual Status PutOrganization(const Organization& o, const AuditEvent& audit) = 0;
  virtual Result<std::vector<Organization>> ListOrganizations() = 0;
  virtual Status PutRegion(const Region& r, const AuditEvent& audit) = 0;
  virtual Result<std::vector<Region>> ListRegions() = 0;
  virtual Status PutCountry(const Country& c, const AuditEvent& audit) = 0;
  virtual Result<std::vector<Country>> ListCountries() = 0;
  virtual Status PutArea(const Area& a, const AuditEvent& audit) = 0;
  virtual Result<std::optional<Area>> GetArea(const std::string& id) = 0;
  // Areas of a country ("" = all); geometry filled only when with_geometry.
  virtual Result<std::vector<Area>> ListAreas(const std::string& country_id, bool with_geometry) = 0;
  virtual Status PutLocation(const Location& l, const AuditEvent& audit) = 0;
  virtual Result<std::vector<Location>> ListLocations(const std::string& area_id) = 0;
  virtual Status PutProgramme(const Programme& p, const AuditEvent& audit) = 0;
  virtual Result<std::vector<Programme>> ListProgrammes(const std::string& area_id) = 0;

  // --- Users ---
  // kConflict with code "username_taken" when the username exists.
  virtual Status CreateUser(const User& u, const AuditEvent& audit) = 0;
  virtual Status UpdateUser(const User& u, const AuditEvent& audit) = 0;
  virtual Result<std::optional<User>> GetUser(const std::string& id) = 0;
  virtual Result<std::optional<User>> FindUserByName(const std::string& username) = 0;
  virtual Result<Page<User>> ListUsers(const PageRequest& page) = 0;

  // --- Sessions, tokens and login throttling ---
  virtual Status PutSession(const Session& s, const AuditEvent& audit) = 0;
  virtual Result<std::optional<Session>> FindSession(const std::string& token_hash) = 0;
  virtual Status DeleteSession(const std::string& token_hash, const AuditEvent& audit) = 0;
  virtual Status DeleteExpiredSessions(int64_t now_ms) = 0;
  virtual Status RecordLoginFailure(const std::string& username, int64_t at_ms) = 0;
  virtual Result<int> CountLoginFailures(const std::string& username, int64_t since_ms) = 0;
  virtual Status ClearLoginFailures(const std::string& username) = 0;
  // Forgets failures recorded before before_ms: older than the throttling window they no longer
  // count, and without pruning the table only grows.
  virtual Status PruneLoginFailures(int64_t before_ms) = 0;

  // --- Methodology packs ---
  // Installs a pack version (kConflict "method_exists" if the version exists); when activate,
  // it becomes the active pack in the same transaction.
  virtual Status InstallMethod(const MethodRecord& m, bool activate, const AuditEvent& audit) = 0;
  virtual Result<std::optional<MethodRecord>> ActiveMethod() = 0;
  virtual Result<std::optional<MethodRecord>> GetMethod(const std::string& version) = 0;
  virtual Result<std::vector<MethodRecord>> ListMethods() = 0;

  // --- SRAs and documents ---
  // All writes and audit entries in one transaction (e.g. publishing v2 supersedes v1, and the
  // clearances resting on it are re-decided in the same commit).
  virtual Status Write(const std::vector<SraWrite>& sras, const std::vector<DocWrite>& docs,
                       const std::vector<AuditEvent>& audit) = 0;
  Status WriteSras(const std::vector<SraWrite>& writes, const std::vector<AuditEvent>& audit) {
    return Write(writes, {}, audit);
  }
  Status WriteDocs(const std::vector<DocWrite>& docs, const std::vector<AuditEvent>& audit) {
    return Write({}, docs, audit);
  }
  virtual Result<std::optional<DocRow>> GetDoc(const std::string& kind, const std::string& id) = 0;
  // Newest first (updated_at desc, id).
  virtual Result<Page<DocRow>> ListDocs(const DocFilter& filter, const PageRequest& page) = 0;
  virtual Result<std::optional<SraRow>> GetSra(const std::string& id) = 0;
  // Newest first (updated_at desc, id); rows without doc.
  virtual Result<Page<SraRow>> ListSras(const SraFilter& filter, const PageRequest& page) = 0;

  // --- Audit log (append-only) ---
  // Entries in chain order; object_id "" = all.
  virtual Result<Page<AuditEntry>> ListAudit(const std::string& object_id, const PageRequest& page) = 0;
  // Walks the whole chain; reports the first entry that is edited, missing or out of order.
  virtual Result<AuditVerification> VerifyAudit() = 0;
};

}  // namespace srm::store
