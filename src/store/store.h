// The one persistence interface. Every backend (sqlite/, postgres/) implements it and passes
// tests/store/store_conformance_test.cpp.
//
// Contract: every mutating call is ONE transaction that also appends its audit entries to the
// hash chain; either the change and its audit entries persist together or neither does. A call
// that returns success is durable. Implementations are thread-safe: any number of threads may
// call any method concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/list_narrowing.h"
#include "domain/entities.h"
#include "store/access_log.h"
#include "store/decision_records.h"

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

  bool operator==(const AuditEvent&) const = default;
};

struct AuditEntry {
  int64_t seq = 0;         // 1, 2, 3, ... in chain order
  std::string at;          // RFC 3339 UTC
  AuditEvent event;
  std::string prev_hash;   // hash of entry seq-1 ("" ... "0"*64 for the first)
  std::string hash;        // SHA-256 over prev_hash and this entry's canonical form

  bool operator==(const AuditEntry&) const = default;
};

// Which entries ListAuditNewestFirst answers; an empty field does not narrow.
struct AuditQuery {
  std::string object_type;                             // "sra", "user", ...
  std::optional<std::vector<std::string>> object_ids;  // only these objects (a reader's scope); nullopt: all
  std::string actor_name;
  std::string action;  // exact, or every action it begins when it ends in '.' ("sra.transition.")
  std::string from, to;  // bounds on `at`, inclusive, compared as text (RFC 3339 UTC or a date prefix)
};

struct AuditVerification {
  bool ok = true;
  int64_t entries = 0;
  std::optional<int64_t> first_bad;  // seq (or position) of the first entry that does not verify
  std::string reason;
  // What is wrong, for programs: "entry_missing" (a gap or reordering), "link_broken" (an entry no
  // longer follows the one before it), "entry_altered" (hash mismatch); "" when ok.
  std::string code;
  // The newest entry's hash. No chain alone can show entries cut off its end or a chain
  // recomputed after an edit: the signed checkpoints of store/audit_anchor.h, kept outside the
  // database, do (store/audit_verify.h).
  std::string head_hash;
};

// A signed statement "entry `seq` of the chain had hash `head_hash`" by one server (Ed25519 key
// `public_key`), made when that entry was committed. See store/audit_checkpoint.h.
struct AuditCheckpoint {
  std::string server_id;
  int64_t seq = 0;
  std::string head_hash;
  std::string at;          // RFC 3339 UTC
  std::string prev;        // digest of the checkpoint before it in the same file, "" when none
  std::string public_key;  // hex
  std::string signature;   // hex, over store::CheckpointMessage()
};

// Keyset pagination: `after` is the opaque cursor returned as `next` by the previous page.
struct PageRequest {
  int limit = 50;          // 1..500
  std::string after;
};
// The users list's narrowing (issue 18): "" / nullopt = any. role: a role held in any of
// the user's grants; narrow.text: username or display name; narrow.sort: username | name | created
// ("" = username ascending, cursor the last username).
struct UserFilter {
  std::string organization_id;
  std::string role;
  std::optional<bool> disabled;
  ListNarrowing narrow;
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
  // GetSra only: the highest version of the same series being drafted or reviewed (0 = none),
  // read with the row so offering 'revise' costs no second query.
  int version_in_progress = 0;
  // GetSra only: the people's names epoch, read in the same query: raised in the transaction that
  // creates a user or renames one, on any server of the database (an SRA view naming who acted
  // built at another epoch is rebuilt; service/sra_read_cache.h).
  int64_t names_epoch = 0;
};

struct SraFilter {
  std::string area_id;
  std::string series_id;
  std::string country_id;
  std::vector<std::string> statuses;   // any of; empty = all
  std::vector<std::string> area_ids;   // restrict to these areas (scope); empty = no restriction
  bool restrict_areas = false;         // when true and area_ids is empty, nothing matches
  // When restrict_cross_org: a specific SRA (kind "specific") of an organization other than
  // reader_org_id passes only in one of cross_org_area_ids; area SRAs are not affected.
  bool restrict_cross_org = false;
  std::string reader_org_id;
  std::vector<std::string> cross_org_area_ids;
  // When restrict_status_areas: only rows whose "status|area_id" is one of these (each status
  // only in the areas where it awaits the reader: the approvals inbox).
  bool restrict_status_areas = false;
  std::vector<std::string> status_areas;
  // The list's search, filters and sort (text: title or area name; dates: review_due;
  // sort: updated | title | due | risk). overall_residual: that residual risk level only.
  std::string overall_residual;
  ListNarrowing narrow;
};

// One SRA write in a batch: insert when expected_revision is 0, else update only if the stored
// revision equals expected_revision (optimistic concurrency; a mismatch is kConflict).
struct SraWrite {
  SraRow row;
  int64_t expected_revision = 0;
};

// A document (an evidence import job, a review proposal, an idempotency record) with the columns
// lists filter on beside the JSON body. Decision records have their own tables instead
// (store/decision_records.h).
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
  // When restrict_cross_org: a row of an organization other than reader_org_id (org_id not "")
  // passes only in one of cross_org_area_ids.
  bool restrict_cross_org = false;
  std::string reader_org_id;
  std::vector<std::string> cross_org_area_ids;
  std::string active_on;                     // starts_on <= d and (ends_on = "" or ends_on >= d)
  std::string overlaps_from, overlaps_to;    // window intersects [from, to]
  bool with_doc = false;                     // fill DocRow::doc in results
};

// Insert when expected_revision is 0, else update only at that revision (kConflict otherwise).
struct DocWrite {
  DocRow row;
  int64_t expected_revision = 0;
};

// Everything one change writes, in one transaction with its audit entries: SRA versions, then
// decision records (store/decision_records.h), then documents.
struct WriteBatch {
  std::vector<SraWrite> sras;
  std::vector<RecordWrite> records;
  std::vector<DocWrite> docs;
};

// One row per secret. A sign-in writes two rows with one session_id: the browser's cookie
// ("cookie") and the bearer token answered for scripts ("token"); ending either ends both. An
// integration token ("api") is a session of its own, named by its owner.
struct Session {
  std::string token_hash;  // SHA-256 of the secret; the secret itself is never stored
  std::string user_id;
  std::string kind;        // "cookie" | "token" | "api"
  std::string csrf_token;  // cookie sessions only
  int64_t created_ms = 0;
  int64_t expires_ms = 0;
  std::string session_id;  // shared by the rows of one sign-in; the public id of an api token
  std::string name;        // api tokens: what their owner called them
};

// A session with its user and the code of the user's organization, read together: what
// authenticating one request needs, in one query. `user` is empty (id "") when the user is gone.
struct SessionUser {
  Session session;
  User user;
  std::string organization_code;  // "" when the user has no organization
};

// A throttling counter: attempts of one `subject` in one `scope` ("user", "addr", "password").
// Scopes are separate key spaces: no subject of one scope can name a counter of another.
struct AttemptCounter {
  std::string scope;
  std::string subject;
  int limit = 0;           // attempts allowed within the window
};

struct MethodRecord {
  std::string version;
  std::string json;
  bool active = false;
  std::string installed_at;
};

class Store : public DecisionRecordStore {
 public:
  ~Store() override = default;

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
  // kConflict with code "username_taken" when the username exists in any case ("Admin" is taken
  // when "admin" exists). Raises the people's names epoch (SraRow::names_epoch) in the same transaction.
  virtual Status CreateUser(const User& u, const AuditEvent& audit) = 0;
  // When u.disabled, every session and token of the user ends in the same transaction, so
  // enabling the user again revives none of them. A changed display name or username raises the
  // people's names epoch (SraRow::names_epoch) in the same transaction; nothing else does.
  virtual Status UpdateUser(const User& u, const AuditEvent& audit) = 0;
  // Replaces the user's password hash and, in the same transaction, ends every session and token
  // of the user except the sign-in `keep_session_id` ("" ends them all). kNotFound when no user.
  virtual Status SetPasswordHash(const std::string& user_id, const std::string& password_hash,
                                 const std::string& keep_session_id, const AuditEvent& audit) = 0;
  virtual Result<std::optional<User>> GetUser(const std::string& id) = 0;
  // Case-insensitive: "Admin" finds "admin".
  virtual Result<std::optional<User>> FindUserByName(const std::string& username) = 0;
  virtual Result<Page<User>> ListUsers(const UserFilter& f, const PageRequest& page) = 0;

  // --- Sessions, tokens and login throttling ---
  // Writes the rows of one session (a sign-in's cookie and token) in one transaction. kConflict
  // "user_disabled" when the user is disabled (checked in the same transaction, so a sign-in
  // racing a disable leaves no session behind).
  virtual Status PutSessions(const std::vector<Session>& rows, const AuditEvent& audit) = 0;
  Status PutSession(const Session& s, const AuditEvent& audit) { return PutSessions({s}, audit); }
  virtual Result<std::optional<Session>> FindSession(const std::string& token_hash) = 0;
  // FindSession, with the session's user and organization code in the same read.
  virtual Result<std::optional<SessionUser>> FindSessionUser(const std::string& token_hash) = 0;
  // Ends the session the secret belongs to: every row sharing its session_id (signing out with
  // the cookie ends the token of the same sign-in, and the other way round). Ending a session
  // that is already gone succeeds.
  virtual Status DeleteSession(const std::string& token_hash, const AuditEvent& audit) = 0;
  // Ends the session `session_id` of the user; kNotFound (nothing audited) when the user has none.
  virtual Status RevokeSession(const std::string& user_id, const std::string& session_id,
                               const AuditEvent& audit) = 0;
  // The user's rows of this kind (e.g. "api"), oldest first, expired ones included.
  virtual Result<std::vector<Session>> ListSessions(const std::string& user_id, const std::string& kind) = 0;
  virtual Status DeleteExpiredSessions(int64_t now_ms) = 0;

  // Atomically, also between servers sharing the database: when every counter holds fewer than
  // its limit attempts at or after since_ms, records one attempt at at_ms on each (under
  // attempt_id) and answers true; otherwise records nothing and answers false. An attempt is
  // reserved before a password is checked, so parallel guesses cannot overtake the count.
  virtual Result<bool> ReserveAttempt(const std::vector<AttemptCounter>& counters, const std::string& attempt_id,
                                      int64_t since_ms, int64_t at_ms) = 0;
  // Gives back the attempts recorded under attempt_id (the password was right: not a failure).
  virtual Status ReleaseAttempt(const std::string& attempt_id) = 0;
  // Marks the attempts recorded under attempt_id as failures (the password was wrong).
  virtual Status SettleAttempt(const std::string& attempt_id) = 0;
  // Failures of one counter at or after since_ms: settled attempts, and attempts still unsettled
  // from before unsettled_before_ms (their check was abandoned: a process died mid-check).
  virtual Result<int> CountFailures(const std::string& scope, const std::string& subject, int64_t since_ms,
                                    int64_t unsettled_before_ms) = 0;
  virtual Result<int> CountAttempts(const std::string& scope, const std::string& subject, int64_t since_ms) = 0;
  // Forgets attempts recorded before before_ms: older than the throttling window they no longer
  // count, and without pruning the table only grows.
  virtual Status PruneAttempts(int64_t before_ms) = 0;

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
  virtual Status Write(const WriteBatch& batch, const std::vector<AuditEvent>& audit) = 0;
  Status Write(const std::vector<SraWrite>& sras, const std::vector<DocWrite>& docs,
               const std::vector<AuditEvent>& audit) {
    return Write(WriteBatch{sras, {}, docs}, audit);
  }
  Status WriteRecords(const std::vector<SraWrite>& sras, const std::vector<RecordWrite>& records,
                      const std::vector<AuditEvent>& audit) {
    return Write(WriteBatch{sras, records, {}}, audit);
  }
  Status WriteSras(const std::vector<SraWrite>& writes, const std::vector<AuditEvent>& audit) {
    return Write(WriteBatch{writes, {}, {}}, audit);
  }
  Status WriteDocs(const std::vector<DocWrite>& docs, const std::vector<AuditEvent>& audit) {
    return Write(WriteBatch{{}, {}, docs}, audit);
  }
  virtual Result<std::optional<DocRow>> GetDoc(const std::string& kind, const std::string& id) = 0;
  // Newest first (updated_at desc, id).
  virtual Result<Page<DocRow>> ListDocs(const DocFilter& filter, const PageRequest& page) = 0;
  Result<std::optional<SraRow>> GetSra(const std::string& id) { return GetSraUnlessRevision(id, 0); }
  // As GetSra, but `doc` is left empty when the row's revision is `known_revision` (> 0): the
  // caller holds that document already (every write of a row bumps its revision).
  virtual Result<std::optional<SraRow>> GetSraUnlessRevision(const std::string& id, int64_t known_revision) = 0;
  // Newest first (updated_at desc, id); rows without doc.
  virtual Result<Page<SraRow>> ListSras(const SraFilter& filter, const PageRequest& page) = 0;

  // --- Names of the records an answer points at (issue 18, plain language) ---
  // One query for a whole page of records, whatever the number of ids (none: no query).
  // The display name of each user id that exists (user id -> display name).
  virtual Result<std::map<std::string, std::string>> UserDisplayNames(const std::vector<std::string>& ids) = 0;
  // The same keyed by username, for the records that name who acted by username only.
  virtual Result<std::map<std::string, std::string>> UserDisplayNamesByUsername(
      const std::vector<std::string>& usernames) = 0;
  // The SRAs with these ids that exist, with the columns a reader's scope is checked on and the
  // version; `doc` is filled only when with_doc.
  virtual Result<std::vector<SraRow>> SraHeads(const std::vector<std::string>& ids, bool with_doc) = 0;
  // The EGS decisions with these ids that exist: what names one (its area and window) and scope.
  struct EgsHead {
    std::string id, area_id, country_id, area_name, from, to;
    bool operator==(const EgsHead&) const = default;
  };
  virtual Result<std::vector<EgsHead>> EgsHeads(const std::vector<std::string>& ids) = 0;
  // The measures (scenarios[].measures[]) of the SRAs with these ids, taken out of their documents
  // by the database, so naming a budget line's measure does not carry whole documents over.
  struct MeasureHead {
    std::string sra_id, measure_id, description;
    bool operator==(const MeasureHead&) const = default;
  };
  virtual Result<std::vector<MeasureHead>> SraMeasureHeads(const std::vector<std::string>& sra_ids) = 0;
  // The name of each country id that exists (country id -> name).
  virtual Result<std::map<std::string, std::string>> CountryNames(const std::vector<std::string>& ids) = 0;

  // --- Audit log (append-only) ---
  // Entries in chain order; object_id "" = all.
  virtual Result<Page<AuditEntry>> ListAudit(const std::string& object_id, const PageRequest& page) = 0;
  // Entries matching `query`, newest first, read through an index (not a scan of the chain);
  // `page.after` is the seq the previous page ended at. total counts every match.
  virtual Result<Page<AuditEntry>> ListAuditNewestFirst(const AuditQuery& query, const PageRequest& page) = 0;
  // Walks the whole chain; reports the first entry that is edited, missing or out of order.
  virtual Result<AuditVerification> VerifyAudit() = 0;
  // Every entry in seq order from one consistent snapshot, streamed (not loaded) to `visit`,
  // which returns false to stop early.
  virtual Status ScanAudit(const std::function<bool(const AuditEntry&)>& visit) = 0;
  // The newest signed checkpoint of each server, kept in the database beside the chain by
  // backends that several servers share (PostgreSQL); empty for the others.
  virtual Result<std::vector<AuditCheckpoint>> ListAuditCheckpoints() = 0;

  // --- SRA access log (append-only; store/access_log.h) ---
  // The batch's rows and `anchor`, its one audit entry, in one transaction.
  virtual Status AppendAccessBatch(const std::vector<AccessEntry>& rows, const AuditEvent& anchor) = 0;
  // Newest first; cursors "at|batch_id|ordinal".
  virtual Result<Page<AccessEntry>> ListAccess(const AccessFilter& filter, const PageRequest& page) = 0;
  // Every row in (batch_id, ordinal) order from one consistent snapshot, streamed to `visit`.
  virtual Status ScanAccess(const std::function<bool(const AccessEntry&)>& visit) = 0;
};

}  // namespace srm::store
