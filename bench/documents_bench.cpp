// bench/documents.sh: how long the SRA document takes to render, in process (no HTTP, no store):
// an SRA of N scenarios (default 200), each with a description, a vulnerability and three measures,
// ten programmes, every threat category and thirty audit lines, rendered R times (default 5) in
// English and in Arabic. Prints the median and the slowest, the page count and the size.
// Run: ./build/bench/documents_bench [SCENARIOS] [ROUNDS] [OUT.pdf]   (OUT: the English document, to look at)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "sample_sra.h"
#include "timing.h"
#include "documents/sra_document.h"

using namespace srm;

int main(int argc, char** argv) {
  const int scenarios = argc > 1 ? std::atoi(argv[1]) : 200;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
  auto pack = domain::ParseMethodPack(domain::DefaultMethodPackJson());
  if (!pack) return 1;
  const domain::Sra sra = bench::MakeSampleSra(*pack, scenarios);
  for (auto lang : {documents::Language::kEn, documents::Language::kAr}) {
    documents::SraDocumentInput in;
    in.sra = &sra;
    in.pack = &*pack;
    in.lang = lang;
    in.area_name = "Sanjar";
    in.country_name = "Carana";
    for (const char* a : {"submit", "review", "endorse", "approve"})
      in.approvals.push_back({a, "Samir Security Professional", "security_professional", "2026-01-10T09:00:00Z", ""});
    for (int i = 0; i < 30; ++i) in.audit.push_back({"2026-01-10T09:00:00Z", "sp", "security_professional", "sra.update"});
    in.audit_total = 120;
    in.generated_by = "Bench";
    in.generated_at = "2026-02-01T08:00:00Z";
    size_t bytes = 0;
    std::string first;  // the first round's PDF, written out after the timing
    const bench::Timing t = bench::TimeRounds(rounds, [&](int r) {
      auto pdf = documents::RenderSraPdf(in);
      if (!pdf) {
        std::fprintf(stderr, "render failed: %s\n", pdf.error().message.c_str());
        return false;
      }
      bytes = pdf->size();
      if (r == 0) first = std::move(*pdf);
      return true;
    });
    if (!t.ok) return 1;
    if (argc > 3 && lang == documents::Language::kEn) std::ofstream(argv[3], std::ios::binary) << first;
    std::printf("pdf lang=%s scenarios=%d rounds=%d median_ms=%.0f max_ms=%.0f bytes=%zu\n",
                documents::LanguageCode(lang), scenarios, rounds, t.median_ms, t.max_ms, bytes);
  }
  return 0;
}
