// GET /api/v1/audit/verify over real HTTP, against the signed checkpoints of the server's audit
// anchor (SQLite, or PostgreSQL with SRM_TEST_PG_URL): the signed head handed to auditors, and a
// forged or a too-new checkpoint reported while the server keeps serving. The attacks on the
// database itself (truncation, a recomputed chain) are in tests/store/audit_anchor_test.cpp and,
// over HTTP on a real server, tests/ops/audit_anchor_test.sh.
#include <filesystem>
#include <fstream>

#include "api/test_server.h"
#include "store/audit_anchor.h"
#include "store/audit_checkpoint.h"

namespace srm::testing {
namespace {

class AuditApiTest : public SharedServerTest<AuditApiTest> {
 protected:
  // The checkpoint file as it is, restored after the test whatever it did to it.
  void SetUp() override {
    path_ = S().app().anchor->checkpoint_path();
    std::ifstream in(path_);
    saved_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  void TearDown() override { std::ofstream(path_, std::ios::trunc) << saved_; }

  json Verify() {
    // Reads queued for the access log land first, so no batch anchor lengthens the chain later.
    if (S().app().access_log) { EXPECT_TRUE(S().app().access_log->Flush().has_value()); }
    auto v = S().Call("GET", "/api/v1/audit/verify", json(), T("auditor"));
    EXPECT_EQ(v.status, 200) << v.raw;
    return v.body;
  }

  std::string path_, saved_;
};

TEST_F(AuditApiTest, AnIntactLogIsVerifiedAgainstItsCheckpointsAndItsHeadIsSigned) {
  const json v = Verify();
  ASSERT_TRUE(v["ok"].get<bool>()) << v.dump();
  EXPECT_EQ(v["reason"], "");
  EXPECT_TRUE(v["findings"].empty());
  EXPECT_GT(v["checkpoints"]["checked"].get<int>(), 0);
  ASSERT_TRUE(v["checkpoints"]["newest"].is_object());
  // The signed head: this server's key, the chain's head, a signature that verifies.
  ASSERT_TRUE(v["checkpoint"].is_object()) << v.dump();
  auto head = store::ParseCheckpointLine(v["checkpoint"].dump());
  ASSERT_TRUE(head.has_value()) << head.error().message;
  EXPECT_EQ(head->seq, v["entries"].get<int64_t>());
  EXPECT_EQ(head->head_hash, v["head_hash"]);
  EXPECT_EQ(head->public_key, v["public_key"]);
  EXPECT_EQ(head->public_key, S().app().anchor->public_key());
  EXPECT_EQ(head->server_id, v["server_id"]);
  EXPECT_TRUE(store::CheckpointSignatureValid(*head));
  EXPECT_EQ(S().Call("GET", "/api/v1/audit/verify", json(), T("sp")).status, 403);
}

TEST_F(AuditApiTest, ACheckpointBeyondTheChainIsReportedTruncatedAndTheServerKeepsServing) {
  const json before = Verify();
  const int64_t entries = before["entries"].get<int64_t>();
  // What the file would hold had entries been cut off the end of the database: a checkpoint of a
  // later entry, signed with the server's key (by a second anchor on the same key and file, as
  // `srm` run beside the server would, so the server's own anchor is left as it was).
  store::AuditAnchorOptions same;
  same.key_path = S().app().anchor->key_path();
  same.checkpoint_path = path_;
  same.server_id = S().app().anchor->server_id();
  auto other = store::AuditAnchor::Open(same);
  ASSERT_TRUE(other.has_value()) << other.error().message;
  (*other)->Record(entries + 3, std::string(64, 'a'));
  const json v = Verify();
  EXPECT_FALSE(v["ok"].get<bool>());
  EXPECT_EQ(v["reason"], "truncated");
  EXPECT_EQ(v["first_bad"], entries + 3);
  EXPECT_NE(v["detail"].get<std::string>().find("entries " + std::to_string(entries + 1)), std::string::npos)
      << v["detail"];
  EXPECT_TRUE(v["checkpoint"].is_null()) << "no head is signed for a log that does not verify";
  EXPECT_EQ(S().Call("GET", "/healthz").status, 200);
  EXPECT_EQ(S().Call("GET", "/api/v1/sras", json(), T("sp")).status, 200);
}

TEST_F(AuditApiTest, ACheckpointWhoseSignatureDoesNotVerifyIsReported) {
  std::vector<std::string> lines;
  {
    std::ifstream in(path_);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  ASSERT_FALSE(lines.empty());
  auto last = store::ParseCheckpointLine(lines.back());
  ASSERT_TRUE(last.has_value());
  last->signature[0] = last->signature[0] == '0' ? '1' : '0';
  lines.back() = store::CheckpointLine(*last);
  {
    std::ofstream out(path_, std::ios::trunc);
    for (const std::string& line : lines) out << line << "\n";
  }
  const json v = Verify();
  EXPECT_FALSE(v["ok"].get<bool>());
  EXPECT_EQ(v["reason"], "bad_signature");
  EXPECT_EQ(v["first_bad"], last->seq);
  ASSERT_EQ(v["findings"].size(), 1u);
  EXPECT_EQ(v["findings"][0]["reason"], "bad_signature");
}

}  // namespace
}  // namespace srm::testing
