// Security clearance at scale, in process, over the real SQLite store and services:
//   - 5,000 SRM areas, most with a published area SRA (residual from Very Low to Unacceptable),
//     a few under an Executive Group on Security no-go;
//   - 100,000 clearance requests (1-3 legs each, random areas and dates) filed and recorded;
//   - the same 100,000 requests decided again without recording (POST /clearances/preview's path:
//     input checks, store reads of the SRA/EGS facts, the decision): decisions per second and p99;
//   - the whole re-evaluation after an SRA change: publishing version 2 of the busiest area's SRA
//     with a higher residual, which re-decides every future leg and activity there in the
//     publication's own transaction.
// The database lives on tmpfs (/dev/shm) unless SRM_BENCH_DIR says otherwise, so the figures are
// the software's, not the disk's fsync. Last line:
//   clearance: decisions_per_s=... p99_us=... reevaluate_ms=...
// Run: ./build/bench/clearance_bench [requests] [areas]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "domain/sra_json.h"
#include "server/app.h"

using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;
namespace srm {
namespace {

double Us(SteadyClock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5));
  return v[i];
}

service::Principal As(const std::string& id, const std::string& org, domain::Role role) {
  service::Principal p;
  p.user.id = id;
  p.user.username = id;
  p.user.display_name = id;
  p.user.organization_id = org;
  p.user.grants.push_back({role, "", "", ""});
  p.session_kind = "system";
  return p;
}

void Die(const std::string& what, const Error& e) {
  std::fprintf(stderr, "clearance_bench: %s: %s (%s)\n", what.c_str(), e.message.c_str(), e.code.c_str());
  std::exit(1);
}

std::string Date(int64_t now_ms, int days) { return FormatTimestamp(now_ms + days * int64_t{86'400'000}).substr(0, 10); }

int Run(int requests, int areas) {
  const char* dir_env = std::getenv("SRM_BENCH_DIR");
  std::filesystem::path base = dir_env && *dir_env ? dir_env
                               : std::filesystem::exists("/dev/shm") ? "/dev/shm"
                                                                      : std::filesystem::temp_directory_path();
  const std::filesystem::path dir = base / ("srm-clearance-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  server::Config cfg;
  cfg.data_dir = dir.string();
  auto opened = server::OpenApp(cfg);
  if (!opened) Die("open", opened.error());
  server::App& app = **opened;
  store::Store* st = app.store.get();
  auto pack = app.methods->Active();
  if (!pack) Die("pack", pack.error());
  const int64_t now_ms = app.clock.NowMillis();
  const std::string now = FormatTimestamp(now_ms);
  std::printf("database: %s\n", (dir / "srm.db").c_str());

  // ---- seed: organizations, areas, published SRAs, a few EGS no-go decisions ----
  const auto t_seed = SteadyClock::now();
  const std::vector<std::string> orgs{"org_a", "org_b", "org_c", "org_d", "org_e"};
  store::AuditEvent seed{"system", "bench", "system", "seed", "bench", "", "", "", ""};
  for (const auto& o : orgs)
    if (auto s = st->PutOrganization({o, o, o}, seed); !s) Die("org", s.error());
  if (auto s = st->PutRegion({"reg_b", "Bench region"}, seed); !s) Die("region", s.error());
  if (auto s = st->PutCountry({"cty_b", "reg_b", "XB", "Benchland"}, seed); !s) Die("country", s.error());
  std::mt19937_64 rng(42);
  std::vector<std::string> area_ids;
  for (int a = 0; a < areas; ++a) {
    area_ids.push_back("ba_" + std::to_string(a));
    if (auto s = st->PutArea({area_ids.back(), "cty_b", "Area " + std::to_string(a), ""}, seed); !s) Die("area", s.error());
  }
  // Residual per area: mostly Low to High, some Very High and Unacceptable, 5% without an SRA.
  // Likelihood x impact indexes giving Very Low .. Unacceptable in the default matrix.
  const std::pair<int, int> rating[] = {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {3, 4}, {4, 4}};
  const int weights[] = {10, 30, 30, 18, 7, 5};
  std::discrete_distribution<int> level(std::begin(weights), std::end(weights));
  std::vector<store::SraWrite> batch;
  std::vector<store::AuditEvent> batch_audit;
  int published = 0;
  auto flush = [&] {
    if (batch.empty()) return;
    if (auto s = st->WriteSras(batch, batch_audit); !s) Die("sras", s.error());
    batch.clear();
    batch_audit.clear();
  };
  for (int a = 0; a < areas; ++a) {
    if (a % 20 == 19) continue;  // no SRA
    domain::Sra s;
    s.id = "sra_b" + std::to_string(a);
    s.series_id = "srs_b" + std::to_string(a);
    s.title = "SRA " + area_ids[a];
    s.area_id = area_ids[a];
    s.country_id = "cty_b";
    s.organization_id = "org_a";
    s.status = domain::SraStatus::kPublished;
    s.method_version = (*pack)->version;
    s.scope = {Date(now_ms, -30), Date(now_ms, 335), "periodic_review"};
    domain::Scenario sc;
    sc.id = "scn_b" + std::to_string(a);
    sc.title = "Armed robbery";
    sc.threat_category = "crime";
    sc.vulnerability = domain::Vulnerability{"staff on the road", "predictable routes", ""};
    const auto [l, i] = rating[level(rng)];
    sc.likelihood = l;
    sc.impact = i;
    s.scenarios.push_back(sc);
    s.created_by = "bench";
    s.created_at = s.updated_at = s.published_at = now;
    s.review_due = Date(now_ms, 365);
    domain::Recompute(**pack, &s);
    store::SraRow r{s.id, s.series_id, 1, "area", s.title, s.area_id, s.country_id, s.organization_id, "published",
                    s.method_version, (*pack)->risk_levels[*s.overall_residual], s.review_due, now, now, 0,
                    domain::SraToJson(**pack, s).dump()};
    batch.push_back({std::move(r), 0});
    batch_audit.push_back({"system", "bench", "system", "sra.seed", "sra", s.id, "", "", ""});
    ++published;
    if (batch.size() == 500) flush();
  }
  flush();
  service::Principal dss = As("u_dss", "org_a", domain::Role::kDssDesk);
  int egs = 0;
  for (int a = 7; a < areas; a += 97) {  // ~1% of the areas in crisis for a month
    auto r = app.decisions->RecordEgs(dss, service::EgsInput{area_ids[a], "no_go", Date(now_ms, 20), Date(now_ms, 50),
                                                             "crisis", ""});
    if (!r) Die("egs", r.error());
    ++egs;
  }
  std::printf("seed: areas=%d published_sras=%d egs_no_go=%d seconds=%.1f\n", areas, published, egs,
              std::chrono::duration<double>(SteadyClock::now() - t_seed).count());

  // ---- the requests ----
  std::vector<service::Principal> requesters;
  for (const auto& o : orgs) requesters.push_back(As("u_" + o, o, domain::Role::kFinance));
  std::uniform_int_distribution<int> pick_area(0, areas - 1), pick_org(0, static_cast<int>(orgs.size()) - 1),
      pick_pc(1, 4), pick_legs(1, 3), pick_start(1, 180), pick_len(0, 9);
  std::vector<service::ClearanceInput> bodies;
  bodies.reserve(requests);
  for (int n = 0; n < requests; ++n) {
    service::ClearanceInput in;
    in.activity = "Field mission";
    in.pc = pick_pc(rng);
    int day = pick_start(rng);
    for (int k = pick_legs(rng); k > 0; --k) {
      const int len = pick_len(rng);
      in.legs.push_back({area_ids[pick_area(rng)], Date(now_ms, day), Date(now_ms, day + len)});
      day += len + 1;
    }
    bodies.push_back(std::move(in));
  }
  std::vector<int> who(requests);
  for (auto& w : who) w = pick_org(rng);

  // Filed and recorded: decide + one transaction with the request, its legs and the audit entry.
  std::vector<double> create_us;
  create_us.reserve(requests);
  size_t legs_total = 0;
  std::map<std::string, int> statuses;
  const auto t_create = SteadyClock::now();
  for (int n = 0; n < requests; ++n) {
    const auto t0 = SteadyClock::now();
    auto r = app.decisions->CreateClearance(requesters[who[n]], bodies[n]);
    create_us.push_back(Us(SteadyClock::now() - t0));
    if (!r) Die("create", r.error());
    legs_total += r->legs.size();
    for (const auto& l : r->legs) ++statuses[l.status];
  }
  const double create_s = std::chrono::duration<double>(SteadyClock::now() - t_create).count();
  std::string mix;
  for (const auto& [k, v] : statuses) mix += " " + k + "=" + std::to_string(v);
  std::printf("record: requests=%d legs=%zu requests_per_s=%.0f p50_us=%.0f p99_us=%.0f legs:%s\n", requests, legs_total,
              requests / create_s, Percentile(create_us, 0.50), Percentile(create_us, 0.99), mix.c_str());

  // Decided again over the full store, without recording: the decision itself.
  std::vector<double> decide_us;
  decide_us.reserve(requests);
  const auto t_decide = SteadyClock::now();
  for (int n = 0; n < requests; ++n) {
    const auto t0 = SteadyClock::now();
    auto r = app.decisions->PreviewClearance(requesters[who[n]], bodies[n]);
    decide_us.push_back(Us(SteadyClock::now() - t0));
    if (!r) Die("decide", r.error());
  }
  const double decide_s = std::chrono::duration<double>(SteadyClock::now() - t_decide).count();
  const double decisions_per_s = requests / decide_s;
  const double p99 = Percentile(decide_us, 0.99);
  std::printf("decide: requests=%d legs=%zu decisions_per_s=%.0f legs_per_s=%.0f p50_us=%.0f p99_us=%.0f max_us=%.0f\n",
              requests, legs_total, decisions_per_s, legs_total / decide_s, Percentile(decide_us, 0.50), p99,
              Percentile(decide_us, 1.0));

  // ---- re-evaluation: version 2 of the busiest area's SRA, with a higher residual ----
  std::string busiest;
  int64_t most = -1;
  for (int a = 0; a < areas; ++a) {
    if (a % 20 == 19) continue;
    store::DocFilter f;
    f.kind = "clearance_leg";
    f.area_id = area_ids[a];
    f.overlaps_from = Date(now_ms, 0);
    auto page = st->ListDocs(f, {1, ""});
    if (!page) Die("count", page.error());
    if (page->total > most) {
      most = page->total;
      busiest = area_ids[a];
    }
  }
  const std::string v1 = "sra_b" + busiest.substr(3);
  service::Principal sp = As("u_sp", "org_a", domain::Role::kSecurityProfessional);
  service::Principal cell = As("u_cell", "org_b", domain::Role::kSecurityCell);
  service::Principal smt = As("u_smt", "org_c", domain::Role::kSmt);
  auto v2 = app.sras->Revise(sp, v1);
  if (!v2) Die("revise", v2.error());
  if (auto r = app.sras->UpdateScenario(sp, v2->id, "scn_b" + busiest.substr(3), {{"likelihood", "Very Likely"}, {"impact", "Severe"}});
      !r)
    Die("edit", r.error());  // Very High
  for (auto [who_p, action] : {std::pair{&sp, "submit"}, {&cell, "review"}, {&smt, "endorse"}})
    if (auto r = app.sras->Transition(*who_p, v2->id, {{"action", action}}); !r) Die(action, r.error());
  auto before = st->ListAudit("", {1, ""});
  const auto t_re = SteadyClock::now();
  auto pub = app.sras->Transition(dss, v2->id, {{"action", "approve"}});
  const double reevaluate_ms = std::chrono::duration<double, std::milli>(SteadyClock::now() - t_re).count();
  if (!pub) Die("publish", pub.error());
  auto after = st->ListAudit("", {1, ""});
  const int64_t redecided = after && before ? after->total - before->total : -1;
  std::printf("reevaluate: area=%s future_legs=%lld audit_entries_in_the_publication=%lld ms=%.2f\n", busiest.c_str(),
              static_cast<long long>(most), static_cast<long long>(redecided), reevaluate_ms);

  app.store.reset();
  std::filesystem::remove_all(dir);
  std::filesystem::remove_all(dir.string() + "-audit");  // the audit anchor's default place, beside the data
  std::printf("clearance: decisions_per_s=%.0f p99_us=%.0f reevaluate_ms=%.1f\n", decisions_per_s, p99, reevaluate_ms);
  return 0;
}

}  // namespace
}  // namespace srm

int main(int argc, char** argv) {
  const int requests = argc > 1 ? std::atoi(argv[1]) : 100'000;
  const int areas = argc > 2 ? std::atoi(argv[2]) : 5'000;
  if (requests < 1 || areas < 20) {
    std::fprintf(stderr, "usage: clearance_bench [requests>=1] [areas>=20]\n");
    return 2;
  }
  return srm::Run(requests, areas);
}
