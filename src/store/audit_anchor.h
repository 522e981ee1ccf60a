// The audit chain's anchor outside the database: a server's Ed25519 signing key and its
// checkpoint file. After every committed append the store calls Record(seq, head): one signed
// checkpoint line is appended to the file (0600), linked to the line before it, so
// that entries cut off the chain's end, or a chain recomputed after an edit, no longer match what
// was signed (store/audit_verify.h). The file and the key live outside the data directory, where
// whoever rewrites the database does not reach (the operator's part: another owner, chattr +a, a
// log shipped off the machine; see docs/deployment.md).
//
// Cheap appends: Record signs (~20 us) and write()s the line under the anchor's own lock, outside
// the store's write lock; a flusher thread fdatasyncs the file behind it, one call per batch of
// appends. A line written survives a crash of the process at once; a power loss may take the
// checkpoints of the last moments (the chain is then longer than its checkpoints, which
// verification does not mistake for tampering). The destructor syncs what is left.
//
// Several processes may share one file (a server and `srm user add` on the same machine): each
// append holds an flock and links to the file's actual last line. Thread-safe.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "security/signing.h"
#include "store/store.h"

namespace srm::store {

struct AuditAnchorOptions {
  std::string key_path;         // Ed25519 seed; created (0600) when missing, refused when group/others may read it
  std::string checkpoint_path;  // append-only checkpoint lines; created (0600) when missing
  std::string server_id;        // "" = "<hostname>-<first 8 hex digits of the public key>"
  const Clock* clock = nullptr; // stamps checkpoints; nullptr = SystemClock. Must outlive the anchor.
  // Told when a checkpoint could not be written (the append itself is committed and stays).
  std::function<void(const std::string& message)> on_error;
};

// Loads the signing key at `path`, creating it (and missing parent directories, 0700) when
// absent. kInvalid "unsafe_key_file" when the file is not a regular file or group/others have any
// access to it; "bad_signing_key" when it holds no key.
Result<security::SigningKey> LoadOrCreateSigningKey(const std::string& path);

class AuditAnchor {
 public:
  static Result<std::unique_ptr<AuditAnchor>> Open(const AuditAnchorOptions& options);
  AuditAnchor(const AuditAnchor&) = delete;
  AuditAnchor& operator=(const AuditAnchor&) = delete;
  ~AuditAnchor();

  const std::string& server_id() const { return server_id_; }
  const std::string& public_key() const { return key_.public_key_hex(); }
  const std::string& checkpoint_path() const { return options_.checkpoint_path; }
  const std::string& key_path() const { return options_.key_path; }

  // A signed checkpoint of entry `seq` with hash `head_hash` at `at` ("" = now), linked to
  // nothing: for the database and for heads exported to auditors.
  AuditCheckpoint Sign(int64_t seq, const std::string& head_hash, const std::string& at = "") const;

  // Appends the checkpoint of a committed head to the file. Called after COMMIT, outside the
  // store's write lock; a head older than one this process already recorded is skipped (the later
  // checkpoint covers it). Never fails the caller: a failure goes to on_error (the server logs it
  // as an error; the checkpoints then lag the chain, which verification does not mistake for
  // tampering).
  void Record(int64_t seq, const std::string& head_hash);

  // Re-anchoring: renames the checkpoint file to "<path>.retired-<UTC time>" (kept, never
  // removed) and starts a new, empty one; the next Record() begins the new series. Returns the
  // retired file's path ("" when there was none).
  Result<std::string> Retire();

 private:
  struct File;
  AuditAnchor(AuditAnchorOptions options, security::SigningKey key, std::string server_id);
  // With mutex_ held: the open file, (re)opened when missing or when the path now names another
  // file (retired by another process).
  Result<std::shared_ptr<File>> CurrentFile();
  std::string Now() const;

  // The flusher thread's loop: fdatasync whenever appends are pending, until stopping_.
  void Flusher();

  AuditAnchorOptions options_;
  security::SigningKey key_;
  std::string server_id_;
  mutable std::mutex mutex_;
  std::shared_ptr<File> file_;
  int64_t last_recorded_seq_ = 0;

  std::mutex flush_mutex_;
  std::condition_variable flush_wanted_;
  std::shared_ptr<File> to_flush_;  // the file with appends not yet synced, or null
  bool stopping_ = false;
  std::thread flusher_;             // last: started once the rest is constructed
};

}  // namespace srm::store
