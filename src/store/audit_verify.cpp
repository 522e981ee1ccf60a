#include "store/audit_verify.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "store/access_log.h"
#include "store/audit_chain.h"
#include "store/audit_checkpoint.h"

namespace srm::store {
namespace {

// A checkpoint whose signature holds, reduced to what is compared with the chain.
struct Pin {
  int64_t seq = 0;
  std::array<char, 64> head{};
  uint32_t source = 0;  // index into Collector::names
  int64_t line = 0;     // line in a file, 0 for the database
};

std::array<char, 64> HeadOf(const std::string& hash) {
  std::array<char, 64> head{};
  std::memcpy(head.data(), hash.data(), std::min(hash.size(), head.size()));
  return head;
}

bool SameHead(const std::array<char, 64>& head, const std::string& hash) {
  return hash.size() == head.size() && std::memcmp(head.data(), hash.data(), head.size()) == 0;
}

std::string Short(std::string_view hex) { return std::string(hex.substr(0, 12)) + "…"; }

class Collector {
 public:
  uint32_t AddSource(std::string name) {
    names_.push_back(std::move(name));
    return static_cast<uint32_t>(names_.size() - 1);
  }
  std::string Where(uint32_t source, int64_t line) const {
    return names_[source] + (line > 0 ? " line " + std::to_string(line) : "");
  }
  void Accept(const AuditCheckpoint& c, uint32_t source, int64_t line) {
    pins_.push_back({c.seq, HeadOf(c.head_hash), source, line});
    Consider(c);
  }
  void AcceptPin(const Pin& pin) { pins_.push_back(pin); }
  // The newest checkpoint seen whole, for the report.
  void Consider(const AuditCheckpoint& c) {
    if (!newest_ || c.seq > newest_->seq) newest_ = c;
  }
  // Findings about checkpoints themselves, capped; the (at most three) verdicts on the chain
  // always have room.
  void Find(std::string reason, int64_t seq, std::string detail) {
    if (findings_.size() < kMaxAuditFindings - 3) findings_.push_back({std::move(reason), seq, std::move(detail)});
  }
  void FindAlways(std::string reason, int64_t seq, std::string detail) {
    findings_.push_back({std::move(reason), seq, std::move(detail)});
  }

  std::vector<Pin>& pins() { return pins_; }
  std::vector<AuditFinding>& findings() { return findings_; }
  std::optional<AuditCheckpoint>& newest() { return newest_; }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
  std::vector<Pin> pins_;
  std::vector<AuditFinding> findings_;
  std::optional<AuditCheckpoint> newest_;
};

void ReportBadSignature(Collector& out, const AuditCheckpoint& c, const std::string& where) {
  out.Find("bad_signature", c.seq,
           where + ": the checkpoint of entry " + std::to_string(c.seq) + " (server " + c.server_id +
               ") has a signature that does not verify; it was altered or forged and is not trusted");
}

// One checkpoint file. Consecutive lines that link (each one's prev is the digest of the line
// before) form a run; the last line of a run whose signature holds vouches for the whole run.
// When it does not hold, the run is walked back, re-reading lines, to the newest line that does.
Status ReadCheckpointFile(const std::string& path, const std::string& required_key, bool must_exist,
                          Collector& out) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    if (must_exist) return Invalid("no_checkpoint_file", "no checkpoint file at " + path, "checkpoint");
    out.AddSource("checkpoint file " + path + " (none yet)");
    return {};
  }
  std::ifstream in(path, std::ios::binary);
  std::ifstream again(path, std::ios::binary);  // re-reads lines of a run whose last signature failed
  if (!in || !again) return Invalid("no_checkpoint_file", "cannot read the checkpoint file " + path, "checkpoint");
  const uint32_t source = out.AddSource("checkpoint file " + path);
  const std::string where = path;

  struct RunLine {
    uint64_t offset;
    Pin pin;
  };
  std::vector<RunLine> run;
  std::optional<AuditCheckpoint> run_last;
  std::string prev_digest;
  std::optional<AuditCheckpoint> file_last;
  int64_t file_last_line = 0;

  auto reread = [&](uint64_t offset) -> std::optional<AuditCheckpoint> {
    again.clear();
    again.seekg(static_cast<std::streamoff>(offset));
    std::string text;
    if (!std::getline(again, text)) return std::nullopt;
    auto c = ParseCheckpointLine(text);
    return c ? std::optional<AuditCheckpoint>(std::move(*c)) : std::nullopt;
  };
  auto close_run = [&] {
    if (run.empty()) return;
    // Index of the newest line of the run whose own signature holds (-1: none).
    int64_t vouching = static_cast<int64_t>(run.size()) - 1;
    if (CheckpointSignatureValid(*run_last)) {
      out.Consider(*run_last);
    } else {
      ReportBadSignature(out, *run_last, where + " line " + std::to_string(run.back().pin.line));
      for (--vouching; vouching >= 0; --vouching) {
        const auto c = reread(run[static_cast<size_t>(vouching)].offset);
        if (c && CheckpointSignatureValid(*c)) {
          out.Consider(*c);
          break;
        }
        if (c) ReportBadSignature(out, *c, where + " line " + std::to_string(run[static_cast<size_t>(vouching)].pin.line));
      }
    }
    for (int64_t i = 0; i <= vouching; ++i) out.AcceptPin(run[static_cast<size_t>(i)].pin);
    run.clear();
    run_last.reset();
  };

  std::string text;
  uint64_t offset = 0;
  int64_t line = 0;
  while (std::getline(in, text)) {
    ++line;
    const uint64_t line_offset = offset;
    offset += text.size() + 1;
    if (text.empty()) continue;
    // A last line without its newline is an append in progress (or one torn by a crash, which the
    // next append cuts off): not yet a checkpoint, and no evidence of anything.
    if (in.eof()) break;
    auto c = ParseCheckpointLine(text);
    if (!c) {
      close_run();
      prev_digest.clear();
      out.Find("bad_checkpoint", 0, where + " line " + std::to_string(line) + ": " + c.error().message);
      continue;
    }
    const bool links = !run.empty() && !c->prev.empty() && c->prev == prev_digest;
    if (!links) close_run();
    run.push_back({line_offset, Pin{c->seq, HeadOf(c->head_hash), source, line}});
    prev_digest = CheckpointDigest(*c);
    file_last = *c;
    file_last_line = line;
    run_last = std::move(*c);
  }
  close_run();
  if (!required_key.empty() && file_last && file_last->public_key != required_key &&
      CheckpointSignatureValid(*file_last))
    out.Find("bad_signature", file_last->seq,
             where + " line " + std::to_string(file_last_line) + ": the newest checkpoint is signed by key " +
                 Short(file_last->public_key) + ", not by this server's key " + Short(required_key) +
                 ": this server did not write it (after changing the key, re-anchor: srm audit re-anchor)");
  return {};
}

// The access log's batches (store/access_log.h) against their anchoring audit entries: each
// anchored batch's rows, read back, must hash to what its entry names; a row in no anchored batch
// was added behind the chain's back. The rows are read after the chain, so a batch committed in
// between has rows and no anchor yet: such a batch is looked up in the chain once more.
struct AccessAnchor {
  int64_t seq = 0;
  int64_t rows = 0;
  std::string hash;
  bool seen = false;
};

// Every row is read and re-hashed on every verification (and at start-up). Resuming from the last
// batch checked was considered and left out: the check exists to find rows changed behind the
// application's back (triggers dropped by the table's owner), and such a change to an old batch
// is exactly what a resume point would skip — finding a changed row needs that row read and hashed
// again. Streamed (ScanAccess pages), so the cost is time, not memory.
Status VerifyAccessBatches(Store& store, std::map<std::string, AccessAnchor>& anchors, Collector& out) {
  std::string batch;
  std::vector<AccessEntry> rows;
  std::vector<std::pair<std::string, std::vector<AccessEntry>>> unanchored;
  auto close_batch = [&] {
    if (batch.empty()) return;
    auto it = anchors.find(batch);
    if (it == anchors.end()) {
      if (unanchored.size() < kMaxAuditFindings) unanchored.emplace_back(batch, std::move(rows));
    } else {
      it->second.seen = true;
      const std::string hash = AccessBatchHash(batch, rows);
      if (hash != it->second.hash || static_cast<int64_t>(rows.size()) != it->second.rows)
        out.Find("access_batch_altered", it->second.seq,
                       "access batch " + batch + " anchored by audit entry " + std::to_string(it->second.seq) +
                           " no longer matches its rows (anchored " + std::to_string(it->second.rows) + " row(s), " +
                           Short(it->second.hash) + "; now " + std::to_string(rows.size()) + ", " + Short(hash) +
                           "): access log rows were altered, added or removed");
    }
    rows.clear();
  };
  SRM_TRY(store.ScanAccess([&](const AccessEntry& a) {
    if (a.batch_id != batch) {
      close_batch();
      batch = a.batch_id;
    }
    rows.push_back(a);
    return true;
  }));
  close_batch();
  for (auto& [id, anchor] : anchors)
    if (!anchor.seen)
      out.Find("access_batch_altered", anchor.seq,
                     "access batch " + id + " anchored by audit entry " + std::to_string(anchor.seq) +
                         " has no rows left: access log rows were removed");
  for (auto& [id, batch_rows] : unanchored) {
    SRM_ASSIGN(entries, store.ListAudit(id, PageRequest{5, ""}));
    bool matches = false;
    for (const AuditEntry& e : entries.items) {
      int64_t n = 0;
      std::string hash;
      if (e.event.action == kAccessBatchAction && ParseAccessBatchAnchor(e.event.after, &n, &hash))
        matches = n == static_cast<int64_t>(batch_rows.size()) && hash == AccessBatchHash(id, batch_rows);
    }
    if (!matches)
      out.Find("access_unanchored", 0,
                     "access batch " + id + " (" + std::to_string(batch_rows.size()) +
                         " row(s)) is anchored by no audit entry: access log rows were added outside the server");
  }
  return {};
}

}  // namespace

Result<AnchoredVerification> VerifyAnchoredAudit(Store& store, const CheckpointSources& sources) {
  // Checkpoints first, then the chain: a checkpoint is written only after its entries committed,
  // so every checkpoint read here names an entry the (later) snapshot of the chain holds.
  Collector out;
  if (!sources.own_file.empty()) SRM_TRY(ReadCheckpointFile(sources.own_file, sources.own_key, false, out));
  for (const std::string& file : sources.extra_files) SRM_TRY(ReadCheckpointFile(file, "", true, out));
  if (sources.database) {
    SRM_ASSIGN(rows, store.ListAuditCheckpoints());
    if (rows.empty()) out.AddSource("database: no checkpoints kept there");
    for (const AuditCheckpoint& c : rows) {
      const std::string where = "the database's checkpoint of server " + c.server_id;
      if (CheckpointSignatureValid(c)) out.Accept(c, out.AddSource(where), 0);
      else ReportBadSignature(out, c, where);
    }
  }

  std::vector<Pin>& pins = out.pins();
  std::stable_sort(pins.begin(), pins.end(), [](const Pin& a, const Pin& b) { return a.seq < b.seq; });
  AuditChainVerifier chain;
  size_t next = 0;
  int64_t last_seq = 0;
  int64_t mismatches = 0;
  std::optional<Pin> first_mismatch;
  std::string first_mismatch_hash;
  std::map<std::string, AccessAnchor> access_anchors;
  SRM_TRY(store.ScanAudit([&](const AuditEntry& e) {
    chain.Add(e);
    if (e.event.action == kAccessBatchAction) {
      AccessAnchor a;
      a.seq = e.seq;
      if (ParseAccessBatchAnchor(e.event.after, &a.rows, &a.hash)) access_anchors[e.event.object_id] = std::move(a);
    }
    last_seq = std::max(last_seq, e.seq);
    while (next < pins.size() && pins[next].seq < e.seq) ++next;  // an absent entry: the chain itself names it
    for (; next < pins.size() && pins[next].seq == e.seq; ++next) {
      if (SameHead(pins[next].head, e.hash)) continue;
      if (mismatches++ == 0) {
        first_mismatch = pins[next];
        first_mismatch_hash = e.hash;
      }
    }
    return true;
  }));

  SRM_TRY(VerifyAccessBatches(store, access_anchors, out));

  AnchoredVerification v;
  v.chain = chain.Result();
  v.checkpoints = static_cast<int64_t>(pins.size());
  if (!v.chain.ok) out.FindAlways(v.chain.code, v.chain.first_bad.value_or(0), v.chain.reason);
  if (first_mismatch) {
    const Pin& pin = *first_mismatch;
    out.FindAlways("checkpoint_mismatch", pin.seq,
             "entry " + std::to_string(pin.seq) + " no longer has the hash signed for it in " +
                 out.Where(pin.source, pin.line) + " (signed " + Short(std::string_view(pin.head.data(), 64)) +
                 ", now " + Short(first_mismatch_hash) + "): the chain was rewritten from there on; " +
                 std::to_string(mismatches) + " checkpoint(s) in all disagree with the chain");
  }
  if (!pins.empty() && pins.back().seq > last_seq) {
    const Pin& highest = pins.back();
    const auto beyond = std::count_if(pins.begin(), pins.end(), [&](const Pin& p) { return p.seq > last_seq; });
    out.FindAlways("truncated", highest.seq,
             "the chain ends at entry " + std::to_string(last_seq) + " but " + out.Where(highest.source, highest.line) +
                 " holds a signed checkpoint of entry " + std::to_string(highest.seq) + ": entries " +
                 std::to_string(last_seq + 1) + ".." + std::to_string(highest.seq) + " were cut off (" +
                 std::to_string(beyond) + " checkpoint(s) beyond the end)");
  }
  v.findings = std::move(out.findings());
  std::stable_sort(v.findings.begin(), v.findings.end(),
                   [](const AuditFinding& a, const AuditFinding& b) { return a.seq < b.seq; });
  v.ok = v.chain.ok && v.findings.empty();
  v.sources = out.names();
  v.newest = std::move(out.newest());
  return v;
}

}  // namespace srm::store
