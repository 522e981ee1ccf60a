// In-process risk benchmark: the hot paths of rating and publishing an SRA. Each benchmark
// reports items_processed, so the output shows evaluations per second.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/acceptability.h"
#include "domain/method.h"
#include "domain/sra.h"
#include "domain/sra_json.h"

namespace {

using namespace srm::domain;

const MethodPack& Pack() {
  static const MethodPack pack = [] {
    auto p = ParseMethodPack(DefaultMethodPackJson());
    if (!p) {
      std::cerr << "default method pack refused: " << p.error().message << "\n";
      std::abort();
    }
    return *p;
  }();
  return pack;
}

// An SRA shaped like a real area assessment: 5 threat categories, 20 rated scenarios with
// measures, a few programmes and a history.
Sra MakeSra(int scenarios) {
  const MethodPack& m = Pack();
  Sra s;
  s.id = "sra_0123456789abcdef";
  s.series_id = "srs_0123456789abcdef";
  s.title = "Area SRA benchmark";
  s.area_id = "area_bench";
  s.country_id = "ctry_bench";
  s.organization_id = "org_bench";
  s.method_version = m.version;
  s.scope = {"2026-01-01", "2026-12-31", "periodic_review"};
  for (const auto& f : m.situation_fields) s.situation[f] = "Situation text for " + f + ". " + std::string(200, 'x');
  for (int i = 0; i < 4; ++i)
    s.programmes.push_back({"prg_" + std::to_string(i), "org_bench", "Activity " + std::to_string(i), 1 + i % 4,
                            10 * i, 100 + i, i, "weekly", "partners"});
  int k = 0;
  for (const auto& c : m.threat_categories) {
    s.threats.push_back({c.key, 1 + k % 5, 1 + (k + 2) % 5, 1 + (k + 4) % 5, 1, "evidence"});
    ++k;
  }
  for (int i = 0; i < scenarios; ++i) {
    Scenario sc;
    sc.id = "sc_" + std::to_string(i);
    sc.title = "Scenario " + std::to_string(i);
    sc.threat_category = m.threat_categories[i % m.threat_categories.size()].key;
    sc.description = std::string(300, 'd');
    sc.vulnerability = Vulnerability{"staff and assets", "predictable movements", "existing measures"};
    sc.likelihood = i % kScaleSize;
    sc.impact = (i * 3 + 1) % kScaleSize;
    if (i % 2 == 0) {
      sc.residual_likelihood = std::max(0, *sc.likelihood - 1);
      sc.residual_impact = std::max(0, *sc.impact - 1);
    }
    for (int j = 0; j < 3; ++j)
      sc.measures.push_back({"m_" + std::to_string(i) + "_" + std::to_string(j), j % 2 ? "mitigation" : "prevention",
                             "Measure description", m.moss_categories[(i + j) % m.moss_categories.size()],
                             1000.0 * (j + 1), "USD", "owner", "planned"});
    s.scenarios.push_back(std::move(sc));
  }
  s.history = {{"submit", "draft", "in_review", "usr_1", "security_professional", "", "2026-01-05T10:00:00.000Z"}};
  Recompute(m, &s);
  return s;
}

void BM_RiskIndex(benchmark::State& state) {
  const MethodPack& m = Pack();
  int sum = 0;
  for (auto _ : state) {
    for (int l = 0; l < kScaleSize; ++l)
      for (int i = 0; i < kScaleSize; ++i) {
        benchmark::DoNotOptimize(m);
        sum += RiskIndex(m, l, i);
      }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * kScaleSize * kScaleSize);
}
BENCHMARK(BM_RiskIndex);

// The API path: level names as a client sends them (mixed case), resolved then looked up.
void BM_RiskFromNames(benchmark::State& state) {
  const MethodPack& m = Pack();
  std::vector<std::pair<std::string, std::string>> inputs;
  for (int l = 0; l < kScaleSize; ++l)
    for (int i = 0; i < kScaleSize; ++i) {
      std::string ln = m.likelihoods[l], in = m.impacts[i];
      if ((l + i) % 2) {
        for (char& c : ln) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      inputs.emplace_back(ln, in);
    }
  const std::string lf = "likelihood", inf = "impact";
  for (auto _ : state) {
    for (const auto& [ln, in] : inputs) {
      auto l = ScaleIndexFromName(m.likelihoods, ln, lf);
      auto i = ScaleIndexFromName(m.impacts, in, inf);
      int level = RiskIndex(m, *l, *i);
      benchmark::DoNotOptimize(level);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(inputs.size()));
}
BENCHMARK(BM_RiskFromNames);

void BM_AcceptableFor(benchmark::State& state) {
  const MethodPack& m = Pack();
  int64_t n = 0;
  for (auto _ : state) {
    for (int pc = 1; pc <= 4; ++pc)
      for (int residual = 0; residual < kRiskLevels; ++residual) {
        Acceptability a = AcceptableFor(m, pc, residual, std::min(residual + 1, kRiskLevels - 1));
        benchmark::DoNotOptimize(a);
        ++n;
      }
  }
  state.SetItemsProcessed(n);
}
BENCHMARK(BM_AcceptableFor);

// items = SRAs recomputed; the label gives scenarios per SRA.
void BM_Recompute20(benchmark::State& state) {
  const MethodPack& m = Pack();
  Sra sra = MakeSra(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    Recompute(m, &sra);
    benchmark::DoNotOptimize(sra.overall_residual);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["scenarios/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * state.range(0)), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Recompute20)->Arg(20);

void BM_SraToJson20(benchmark::State& state) {
  const MethodPack& m = Pack();
  const Sra sra = MakeSra(static_cast<int>(state.range(0)));
  size_t bytes = 0;
  for (auto _ : state) {
    nlohmann::json j = SraToJson(m, sra);
    benchmark::DoNotOptimize(j);
  }
  bytes = SraToJson(m, sra).dump().size();
  state.SetItemsProcessed(state.iterations());
  state.counters["doc_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_SraToJson20)->Arg(20);

// As the store writes it: document to text.
void BM_SraToJsonDump20(benchmark::State& state) {
  const MethodPack& m = Pack();
  const Sra sra = MakeSra(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    std::string text = SraToJson(m, sra).dump();
    benchmark::DoNotOptimize(text);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SraToJsonDump20)->Arg(20);

}  // namespace
