// The audit chain anchored outside the database (store/audit_anchor.h, store/audit_verify.h), on
// every backend: what an attacker with file or database access does to the log (cut its end,
// rewrite an entry and recompute the chain after dropping the triggers, REPLACE an entry, forge or
// damage checkpoints) is reported; re-anchoring starts a clean series; concurrent writers (threads,
// two anchors on one file, two servers on one PostgreSQL database) leave checkpoints that verify.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "store/audit_anchor.h"
#include "store/audit_chain.h"
#include "store/audit_checkpoint.h"
#include "store/audit_verify.h"
#include "store/store_test_support.h"

namespace srm::store {
namespace {

using namespace testing_support;

// Raw access to the database, as an attacker with the file (SQLite) or the owner's credentials
// (PostgreSQL) has it.
class RawAccess {
 public:
  virtual ~RawAccess() = default;
  // Runs fixed test SQL; true on success, the message in error() otherwise.
  virtual bool Exec(const std::string& sql) = 0;
  virtual std::string error() const = 0;
  // What such an attacker does first: the append-only triggers go.
  virtual void DisableAuditTriggers() = 0;
};

class RawSqliteAccess final : public RawAccess {
 public:
  explicit RawSqliteAccess(const std::string& path) {
    sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_busy_timeout(db_, 5000);
  }
  ~RawSqliteAccess() override { sqlite3_close_v2(db_); }
  bool Exec(const std::string& sql) override {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    error_ = message != nullptr ? message : "";
    sqlite3_free(message);
    return rc == SQLITE_OK;
  }
  std::string error() const override { return error_; }
  void DisableAuditTriggers() override {
    ASSERT_TRUE(Exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; "
                     "DROP TRIGGER audit_log_no_replace;"))
        << error_;
  }

 private:
  sqlite3* db_ = nullptr;
  std::string error_;
};

class RawPgAccess final : public RawAccess {
 public:
  explicit RawPgAccess(const std::string& url) : conn_(PQconnectdb(url.c_str())) {}
  ~RawPgAccess() override { PQfinish(conn_); }
  bool Exec(const std::string& sql) override {
    PGresult* r = PQexec(conn_, sql.c_str());
    const ExecStatusType status = PQresultStatus(r);
    const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    error_ = ok ? "" : PQerrorMessage(conn_);
    PQclear(r);
    return ok;
  }
  std::string error() const override { return error_; }
  void DisableAuditTriggers() override {
    ASSERT_TRUE(Exec("ALTER TABLE audit_log DISABLE TRIGGER USER")) << error_;
  }

 private:
  PGconn* conn_;
  std::string error_;
};

// The lines of a text file.
std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void WriteLines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path, std::ios::trunc);
  for (const std::string& line : lines) out << line << "\n";
}

// The same checkpoint line with one more character of its signature changed.
std::string WithAlteredSignature(const std::string& line) {
  auto c = ParseCheckpointLine(line);
  EXPECT_TRUE(c.has_value());
  c->signature[10] = c->signature[10] == 'a' ? 'b' : 'a';
  return CheckpointLine(*c);
}

struct Backend {
  std::string name;  // "sqlite" | "postgres"
};
std::string BackendName(const ::testing::TestParamInfo<Backend>& info) { return info.param.name; }

class AuditAnchorTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    anchor_ = OpenAnchor("server_a");
    ASSERT_NE(anchor_, nullptr);
    if (GetParam().name == "sqlite") {
      auto harness = std::make_unique<SqliteHarness>(&clock_, 4);
      harness->options().audit_anchor = anchor_.get();
      SRM_ASSERT_OK(harness->Open());
      raw_ = std::make_unique<RawSqliteAccess>(harness->path());
      harness_ = std::move(harness);
    } else {
      auto database = PostgresDatabase::Create();
      ASSERT_TRUE(database.has_value()) << ErrorText(database.error());
      auto harness = std::make_unique<PostgresHarness>(std::move(*database), &clock_, 4);
      harness->options().audit_anchor = anchor_.get();
      SRM_ASSERT_OK(harness->Open());
      raw_ = std::make_unique<RawPgAccess>(harness->url());
      pg_options_ = harness->options();
      harness_ = std::move(harness);
    }
  }
  void TearDown() override {
    raw_.reset();
    harness_.reset();  // before the anchors it records into
  }

  // An anchor with its own key and checkpoint file under the test's directory.
  std::unique_ptr<AuditAnchor> OpenAnchor(const std::string& name) {
    AuditAnchorOptions options;
    options.key_path = (dir_.path() / name / "signing.key").string();
    options.checkpoint_path = (dir_.path() / name / "checkpoints.log").string();
    options.server_id = name;
    options.clock = &clock_;
    options.on_error = [this](const std::string& message) {
      std::lock_guard lock(errors_mutex_);
      anchor_errors_.push_back(message);
    };
    auto anchor = AuditAnchor::Open(options);
    EXPECT_TRUE(anchor.has_value()) << ErrorText(anchor.error());
    return anchor ? std::move(*anchor) : nullptr;
  }

  Store& store() { return harness_->store(); }
  const std::string& file() const { return anchor_->checkpoint_path(); }

  void WriteRegions(int count, int first = 0) {
    for (int i = first; i < first + count; ++i) {
      clock_.Advance(1000);
      const std::string id = "reg_" + std::to_string(i);
      SRM_ASSERT_OK(store().PutRegion({id, "Region " + std::to_string(i)}, AuditOf("region.put", "region", id)));
    }
  }

  AnchoredVerification Verify(std::vector<std::string> extra_files = {}) {
    auto v = VerifyAnchoredAudit(store(), {file(), anchor_->public_key(), std::move(extra_files), true});
    EXPECT_TRUE(v.has_value()) << ErrorText(v.error());
    return v ? *v : AnchoredVerification{};
  }

  // Expects the verification to fail with `reason` as its first finding, at `seq`.
  void ExpectFirstFinding(const AnchoredVerification& v, const std::string& reason, int64_t seq) {
    EXPECT_FALSE(v.ok);
    ASSERT_NE(v.first(), nullptr);
    EXPECT_EQ(v.first()->reason, reason) << v.first()->detail;
    EXPECT_EQ(v.first()->seq, seq) << v.first()->detail;
    EXPECT_FALSE(v.first()->detail.empty());
  }

  std::vector<AuditEntry> Chain() {
    auto page = store().ListAudit("", {500, ""});
    EXPECT_TRUE(page.has_value());
    return page ? page->items : std::vector<AuditEntry>{};
  }

  // Rewrites entry `seq` with `edit` and recomputes every hash from there to the head, as an
  // attacker who knows the (public) hash scheme does: the chain alone verifies again.
  void RewriteAndRecompute(int64_t seq, const std::function<void(AuditEntry&)>& edit) {
    std::vector<AuditEntry> chain = Chain();
    ASSERT_GE(static_cast<int64_t>(chain.size()), seq);
    raw_->DisableAuditTriggers();
    std::string prev = seq == 1 ? kGenesisHash : chain[static_cast<size_t>(seq - 2)].hash;
    for (size_t i = static_cast<size_t>(seq - 1); i < chain.size(); ++i) {
      AuditEntry& e = chain[i];
      if (e.seq == seq) edit(e);
      e.prev_hash = prev;
      e.hash = AuditEntryHash(e);
      prev = e.hash;
      ASSERT_TRUE(raw_->Exec("UPDATE audit_log SET actor_name = '" + e.event.actor_name + "', prev_hash = '" +
                             e.prev_hash + "', hash = '" + e.hash + "' WHERE seq = " + std::to_string(e.seq)))
          << raw_->error();
    }
  }

  TempDir dir_;
  fakes::FakeClock clock_;
  std::mutex errors_mutex_;
  std::vector<std::string> anchor_errors_;
  std::unique_ptr<AuditAnchor> anchor_;
  std::unique_ptr<StoreHarness> harness_;
  std::unique_ptr<RawAccess> raw_;
  PostgresOptions pg_options_;
};

TEST_P(AuditAnchorTest, EveryAppendLeavesALinkedSignedCheckpointAndTheLogVerifies) {
  WriteRegions(10);
  const std::vector<std::string> lines = Lines(file());
  ASSERT_EQ(lines.size(), 10u);
  std::string prev;
  for (size_t i = 0; i < lines.size(); ++i) {
    SRM_ASSERT_OK_AND_ASSIGN(c, ParseCheckpointLine(lines[i]));
    EXPECT_EQ(c.seq, static_cast<int64_t>(i + 1));
    EXPECT_EQ(c.server_id, "server_a");
    EXPECT_EQ(c.public_key, anchor_->public_key());
    EXPECT_EQ(c.prev, prev) << "line " << i + 1 << " does not link to the line before it";
    EXPECT_TRUE(CheckpointSignatureValid(c));
    prev = CheckpointDigest(c);
  }
  struct stat st {};
  ASSERT_EQ(::stat(file().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(anchor_->key_path().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  const AnchoredVerification v = Verify();
  EXPECT_TRUE(v.ok) << (v.first() ? v.first()->detail : "");
  EXPECT_EQ(v.chain.entries, 10);
  EXPECT_GE(v.checkpoints, 10);
  ASSERT_TRUE(v.newest.has_value());
  EXPECT_EQ(v.newest->seq, 10);
  EXPECT_TRUE(anchor_errors_.empty());
}

TEST_P(AuditAnchorTest, EntriesCutOffTheEndAreReportedTruncated) {
  WriteRegions(10);
  raw_->DisableAuditTriggers();
  ASSERT_TRUE(raw_->Exec("DELETE FROM audit_log WHERE seq > 7")) << raw_->error();
  // The chain alone cannot tell: what is left is a valid chain.
  SRM_ASSERT_OK_AND_ASSIGN(chain_only, store().VerifyAudit());
  EXPECT_TRUE(chain_only.ok);
  const AnchoredVerification v = Verify();
  ExpectFirstFinding(v, "truncated", 10);
  EXPECT_EQ(v.chain.entries, 7);
  EXPECT_NE(v.first()->detail.find("entries 8..10"), std::string::npos) << v.first()->detail;
}

TEST_P(AuditAnchorTest, AnEntryEditedWithTheChainRecomputedIsReportedAtItsSeq) {
  WriteRegions(10);
  RewriteAndRecompute(4, [](AuditEntry& e) { e.event.actor_name = "someone else"; });
  SRM_ASSERT_OK_AND_ASSIGN(chain_only, store().VerifyAudit());
  EXPECT_TRUE(chain_only.ok) << "the attack must leave a chain that verifies on its own";
  const AnchoredVerification v = Verify();
  ExpectFirstFinding(v, "checkpoint_mismatch", 4);
  // Still reported after the store is opened again (a restart).
  SRM_ASSERT_OK(harness_->Reopen());
  ExpectFirstFinding(Verify(), "checkpoint_mismatch", 4);
}

TEST_P(AuditAnchorTest, AServerThatWentOnWritingOnARewrittenChainStillReportsTheRewrite) {
  WriteRegions(6);
  RewriteAndRecompute(2, [](AuditEntry& e) { e.event.actor_name = "mallory"; });
  WriteRegions(3, 100);  // new checkpoints sign the rewritten head; the older ones do not
  ExpectFirstFinding(Verify(), "checkpoint_mismatch", 2);
}

TEST_P(AuditAnchorTest, ACheckpointWhoseSignatureDoesNotVerifyIsReported) {
  WriteRegions(5);
  const std::vector<std::string> original = Lines(file());
  std::vector<std::string> lines = original;
  lines[4] = WithAlteredSignature(lines[4]);
  WriteLines(file(), lines);
  AnchoredVerification v = Verify();
  ExpectFirstFinding(v, "bad_signature", 5);
  EXPECT_EQ(v.findings.size(), 1u);

  // A damaged line in the middle: reported; the lines before and after it still count.
  lines = original;
  lines[2] = WithAlteredSignature(lines[2]);
  WriteLines(file(), lines);
  v = Verify();
  ExpectFirstFinding(v, "bad_signature", 3);
  EXPECT_EQ(v.findings.size(), 1u);
  // Lines 1, 2, 4 and 5 (and on PostgreSQL this server's newest checkpoint in the database).
  EXPECT_EQ(v.checkpoints, GetParam().name == "postgres" ? 5 : 4);

  WriteLines(file(), original);
  EXPECT_TRUE(Verify().ok);
}

TEST_P(AuditAnchorTest, ACheckpointWithAForgedHeadIsNotTrusted) {
  WriteRegions(5);
  std::vector<std::string> lines = Lines(file());
  SRM_ASSERT_OK_AND_ASSIGN(c, ParseCheckpointLine(lines[4]));
  c.head_hash = std::string(64, 'f');
  lines[4] = CheckpointLine(c);
  WriteLines(file(), lines);
  const AnchoredVerification v = Verify();
  ExpectFirstFinding(v, "bad_signature", 5);
  ASSERT_EQ(v.findings.size(), 1u) << "an untrusted checkpoint is no evidence of a mismatch";
}

TEST_P(AuditAnchorTest, AFileWrittenWithAnotherKeyIsReported) {
  WriteRegions(3);
  // Someone with access to the file, but not to the key, signs a file of their own.
  auto mallory = OpenAnchor("mallory");
  ASSERT_NE(mallory, nullptr);
  for (const AuditEntry& e : Chain()) mallory->Record(e.seq, e.hash);
  std::filesystem::copy_file(mallory->checkpoint_path(), file(), std::filesystem::copy_options::overwrite_existing);
  const AnchoredVerification v = Verify();
  ExpectFirstFinding(v, "bad_signature", 3);
  EXPECT_NE(v.first()->detail.find("not by this server's key"), std::string::npos) << v.first()->detail;
}

TEST_P(AuditAnchorTest, LinesThatAreNoCheckpointAreReported) {
  WriteRegions(2);
  { std::ofstream(file(), std::ios::app) << "{\"v\":1,\"seq\":\"three\"}\n"; }
  ExpectFirstFinding(Verify(), "bad_checkpoint", 0);
}

TEST_P(AuditAnchorTest, ATornLastLineIsCutOffByTheNextAppend) {
  WriteRegions(2);
  // A crash in the middle of an append, before it was synced: half a line, no newline.
  const std::string third = Lines(file())[1].substr(0, 40);
  { std::ofstream(file(), std::ios::app) << third; }
  // Read meanwhile (as a verification running beside an append would), it is no checkpoint yet.
  const AnchoredVerification during = Verify();
  EXPECT_TRUE(during.ok) << (during.first() ? during.first()->detail : "");
  EXPECT_GE(during.checkpoints, 2);
  WriteRegions(1, 10);
  const std::vector<std::string> lines = Lines(file());
  ASSERT_EQ(lines.size(), 3u);
  SRM_ASSERT_OK_AND_ASSIGN(last, ParseCheckpointLine(lines[2]));
  SRM_ASSERT_OK_AND_ASSIGN(before, ParseCheckpointLine(lines[1]));
  EXPECT_EQ(last.prev, CheckpointDigest(before));
  const AnchoredVerification v = Verify();
  EXPECT_TRUE(v.ok) << (v.first() ? v.first()->detail : "");
  EXPECT_TRUE(anchor_errors_.empty()) << anchor_errors_.front();
}

TEST_P(AuditAnchorTest, ReAnchoringAfterALegitimateTruncationVerifiesAndKeepsTheOldFile) {
  WriteRegions(10);
  raw_->DisableAuditTriggers();
  ASSERT_TRUE(raw_->Exec("DELETE FROM audit_log WHERE seq > 6")) << raw_->error();  // an older backup restored
  ExpectFirstFinding(Verify(), "truncated", 10);
  SRM_ASSERT_OK_AND_ASSIGN(retired, anchor_->Retire());
  ASSERT_FALSE(retired.empty());
  EXPECT_EQ(Lines(retired).size(), 10u) << "the old checkpoints are kept";
  EXPECT_TRUE(Lines(file()).empty());
  WriteRegions(1, 20);  // the re-anchoring's own entry (the service writes it) begins the new series
  const AnchoredVerification v = Verify();
  EXPECT_TRUE(v.ok) << (v.first() ? v.first()->detail : "");
  EXPECT_EQ(Lines(file()).size(), 1u);
  // The retired file, given explicitly, still tells what was cut.
  ExpectFirstFinding(Verify({retired}), "checkpoint_mismatch", 7);
}

TEST_P(AuditAnchorTest, AKeptHeadCatchesATruncationTheFileNoLongerShows) {
  WriteRegions(8);
  // The auditor keeps a signed head; later someone cuts the log and the checkpoint file alike.
  const std::string kept = (dir_.path() / "auditor-head.jsonl").string();
  WriteLines(kept, {CheckpointLine(anchor_->Sign(8, Chain().back().hash))});
  raw_->DisableAuditTriggers();
  ASSERT_TRUE(raw_->Exec("DELETE FROM audit_log WHERE seq > 5")) << raw_->error();
  std::vector<std::string> lines = Lines(file());
  lines.resize(5);
  WriteLines(file(), lines);
  if (GetParam().name == "postgres") ASSERT_TRUE(raw_->Exec("ALTER TABLE audit_checkpoints DISABLE TRIGGER USER; "
                                                             "DELETE FROM audit_checkpoints")) << raw_->error();
  EXPECT_TRUE(Verify().ok) << "file and database cut alike: only the kept head can tell";
  ExpectFirstFinding(Verify({kept}), "truncated", 8);
}

TEST_P(AuditAnchorTest, ConcurrentWritersLeaveCheckpointsThatVerify) {
  constexpr int kThreads = 4, kWrites = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kWrites; ++i) {
        const std::string id = std::to_string(t) + "_" + std::to_string(i);
        if (!store().PutOrganization({"org_" + id, "C", "Org " + id}, AuditOf("organization.put", "organization", id)))
          ++failures;
      }
    });
  for (std::thread& thread : threads) thread.join();
  ASSERT_EQ(failures.load(), 0);
  const AnchoredVerification v = Verify();
  EXPECT_TRUE(v.ok) << (v.first() ? v.first()->detail : "");
  ASSERT_TRUE(v.newest.has_value());
  EXPECT_EQ(v.newest->seq, kThreads * kWrites) << "the newest head is anchored";
  EXPECT_TRUE(anchor_errors_.empty());
}

TEST_P(AuditAnchorTest, TwoAnchorsOnOneFileKeepItsLinks) {
  // A server and `srm user add` on the same machine: two processes, one key, one file.
  AuditAnchorOptions same;
  same.key_path = anchor_->key_path();
  same.checkpoint_path = anchor_->checkpoint_path();
  same.server_id = "server_a";
  same.clock = &clock_;
  same.on_error = [this](const std::string& message) {
    std::lock_guard lock(errors_mutex_);
    anchor_errors_.push_back(message);
  };
  SRM_ASSERT_OK_AND_ASSIGN(other, AuditAnchor::Open(same));
  EXPECT_EQ(other->public_key(), anchor_->public_key());
  WriteRegions(3);
  other->Record(3, Chain().back().hash);  // the other process's head, after ours
  WriteRegions(2, 10);
  const std::vector<std::string> lines = Lines(file());
  ASSERT_EQ(lines.size(), 6u);
  for (size_t i = 1; i < lines.size(); ++i) {
    SRM_ASSERT_OK_AND_ASSIGN(c, ParseCheckpointLine(lines[i]));
    SRM_ASSERT_OK_AND_ASSIGN(before, ParseCheckpointLine(lines[i - 1]));
    EXPECT_EQ(c.prev, CheckpointDigest(before)) << "line " << i + 1;
  }
  EXPECT_TRUE(Verify().ok);
  EXPECT_TRUE(anchor_errors_.empty()) << anchor_errors_.front();
}

TEST_P(AuditAnchorTest, ReplacingAnEntryIsRefused) {
  WriteRegions(3);
  const std::string values =
      "VALUES (2, 'x', 'usr_m', 'mallory', 'admin', 'region.put', 'region', 'reg_1', '', '{}', 'r', '" +
      std::string(kGenesisHash) + "', '" + std::string(kGenesisHash) + "')";
  const std::string columns =
      "(seq, at, actor_id, actor_name, role, action, object_type, object_id, \"before\", \"after\", request_id, "
      "prev_hash, hash) ";
  std::vector<std::string> attempts = {
      "INSERT INTO audit_log " + columns + values + " ON CONFLICT (seq) DO UPDATE SET actor_name = 'mallory'"};
  if (GetParam().name == "sqlite") {
    attempts.push_back("INSERT OR REPLACE INTO audit_log " + columns + values);
    attempts.push_back("REPLACE INTO audit_log " + columns + values);
  }
  for (const std::string& sql : attempts) {
    EXPECT_FALSE(raw_->Exec(sql)) << sql;
    EXPECT_NE(raw_->error().find("append-only"), std::string::npos) << sql << ": " << raw_->error();
  }
  EXPECT_EQ(Chain()[1].event.actor_name, "admin");
  SRM_ASSERT_OK_AND_ASSIGN(chain, store().VerifyAudit());
  EXPECT_TRUE(chain.ok);
  EXPECT_EQ(chain.entries, 3);
  // A new entry still takes its place at the end.
  WriteRegions(1, 10);
  EXPECT_TRUE(Verify().ok);
}

INSTANTIATE_TEST_SUITE_P(store, AuditAnchorTest, ::testing::Values(Backend{"sqlite"}, Backend{"postgres"}),
                         BackendName);

// --- Several servers on one PostgreSQL database ---

class PostgresAuditAnchorTest : public AuditAnchorTest {};

TEST_P(PostgresAuditAnchorTest, TwoServersWritingAtOnceLeaveCheckpointsThatVerifyEverywhere) {
  // Server B: its own pool, key, file and server id.
  auto anchor_b = OpenAnchor("server_b");
  ASSERT_NE(anchor_b, nullptr);
  PostgresOptions options_b = pg_options_;
  options_b.audit_anchor = anchor_b.get();
  SRM_ASSERT_OK_AND_ASSIGN(store_b, OpenPostgresStore(options_b));
  constexpr int kThreadsPerServer = 3, kWrites = 20;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int s = 0; s < 2; ++s)
    for (int t = 0; t < kThreadsPerServer; ++t)
      threads.emplace_back([&, s, t] {
        Store* target = s == 0 ? &store() : store_b.get();
        for (int i = 0; i < kWrites; ++i) {
          const std::string id = std::to_string(s) + "_" + std::to_string(t) + "_" + std::to_string(i);
          if (!target->PutOrganization({"org_" + id, "C", "Org " + id}, AuditOf("organization.put", "organization", id)))
            ++failures;
        }
      });
  for (std::thread& thread : threads) thread.join();
  ASSERT_EQ(failures.load(), 0);

  // The database holds each server's newest checkpoint, signed by its own key.
  SRM_ASSERT_OK_AND_ASSIGN(rows, store().ListAuditCheckpoints());
  ASSERT_EQ(rows.size(), 2u);
  for (const AuditCheckpoint& row : rows) {
    EXPECT_TRUE(CheckpointSignatureValid(row)) << row.server_id;
    EXPECT_EQ(row.public_key, row.server_id == "server_a" ? anchor_->public_key() : anchor_b->public_key());
  }
  // Verified from either server: its own file, plus every server's newest head in the database.
  for (AuditAnchor* anchor : {anchor_.get(), anchor_b.get()}) {
    Store& from = anchor == anchor_.get() ? store() : *store_b;
    SRM_ASSERT_OK_AND_ASSIGN(v, VerifyAnchoredAudit(from, {anchor->checkpoint_path(), anchor->public_key(), {}, true}));
    EXPECT_TRUE(v.ok) << anchor->server_id() << ": " << (v.first() ? v.first()->detail : "");
    EXPECT_EQ(v.chain.entries, 2 * kThreadsPerServer * kWrites);
    ASSERT_TRUE(v.newest.has_value());
    EXPECT_EQ(v.newest->seq, v.chain.entries);
  }
  // Cutting the last entries shows from server A too, though server B wrote them: its head is in
  // the database.
  SRM_ASSERT_OK_AND_ASSIGN(chain, store().VerifyAudit());
  const int64_t entries = chain.entries;
  SRM_ASSERT_OK(store_b->PutRegion({"reg_b", "B"}, AuditOf("region.put", "region", "reg_b")));
  raw_->DisableAuditTriggers();
  ASSERT_TRUE(raw_->Exec("DELETE FROM audit_log WHERE seq > " + std::to_string(entries))) << raw_->error();
  SRM_ASSERT_OK_AND_ASSIGN(v, VerifyAnchoredAudit(store(), {file(), anchor_->public_key(), {}, true}));
  ExpectFirstFinding(v, "truncated", entries + 1);
  store_b.reset();
}

TEST_P(PostgresAuditAnchorTest, DatabaseCheckpointsAreKeptAndAForgedOneIsReported) {
  WriteRegions(3);
  EXPECT_FALSE(raw_->Exec("DELETE FROM audit_checkpoints"));
  EXPECT_FALSE(raw_->Exec("TRUNCATE audit_checkpoints"));
  ASSERT_TRUE(raw_->Exec("UPDATE audit_checkpoints SET seq = 9")) << raw_->error();
  const AnchoredVerification v = Verify();
  ExpectFirstFinding(v, "bad_signature", 9);
  EXPECT_NE(v.first()->detail.find("server server_a"), std::string::npos) << v.first()->detail;
}

INSTANTIATE_TEST_SUITE_P(store, PostgresAuditAnchorTest, ::testing::Values(Backend{"postgres"}), BackendName);

// --- The signing key ---

TEST(AuditSigningKeyTest, IsCreatedPrivateAndRefusedWhenOthersMayReadIt) {
  TempDir dir;
  const std::string path = (dir.path() / "keys" / "audit.key").string();
  SRM_ASSERT_OK_AND_ASSIGN(created, LoadOrCreateSigningKey(path));
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((dir.path() / "keys").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  SRM_ASSERT_OK_AND_ASSIGN(again, LoadOrCreateSigningKey(path));
  EXPECT_EQ(again.public_key_hex(), created.public_key_hex()) << "the same key is loaded, not a new one";

  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  auto refused = LoadOrCreateSigningKey(path);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "unsafe_key_file");
  EXPECT_NE(refused.error().message.find("chmod 600"), std::string::npos) << refused.error().message;

  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);
  { std::ofstream(path, std::ios::trunc) << "not a key\n"; }
  auto garbage = LoadOrCreateSigningKey(path);
  ASSERT_FALSE(garbage.has_value());
  EXPECT_EQ(garbage.error().code, "bad_signing_key");
}

TEST(AuditSigningKeyTest, ACheckpointFileOthersMayWriteIsRefused) {
  TempDir dir;
  const std::string checkpoints = (dir.path() / "checkpoints.log").string();
  { std::ofstream(checkpoints) << ""; }
  ASSERT_EQ(::chmod(checkpoints.c_str(), 0666), 0);
  AuditAnchorOptions options;
  options.key_path = (dir.path() / "signing.key").string();
  options.checkpoint_path = checkpoints;
  auto anchor = AuditAnchor::Open(options);
  ASSERT_FALSE(anchor.has_value());
  EXPECT_NE(anchor.error().message.find("written by others"), std::string::npos) << anchor.error().message;
}

TEST(AuditSigningKeyTest, SignaturesVerifyOnlyForTheirMessageAndKey) {
  const security::SigningKey key = security::SigningKey::Generate();
  const security::SigningKey other = security::SigningKey::Generate();
  const std::string signature = key.Sign("entry 7 is abc");
  EXPECT_TRUE(security::VerifySignature(key.public_key_hex(), "entry 7 is abc", signature));
  EXPECT_FALSE(security::VerifySignature(key.public_key_hex(), "entry 7 is abd", signature));
  EXPECT_FALSE(security::VerifySignature(other.public_key_hex(), "entry 7 is abc", signature));
  EXPECT_FALSE(security::VerifySignature("zz", "entry 7 is abc", signature));
  SRM_ASSERT_OK_AND_ASSIGN(restored, security::SigningKey::FromSeedHex(key.SeedHex()));
  EXPECT_EQ(restored.public_key_hex(), key.public_key_hex());
}

}  // namespace
}  // namespace srm::store
