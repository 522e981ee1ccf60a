// bench/documents.sh: how long the SRA risk register takes to write as xlsx, in process (no HTTP,
// no store): an SRA of N scenarios (default 200), each with a description, a vulnerability and
// three measures, ten programmes and every threat category, written R times (default 5). Then a
// list export: ROWS rows (default 100000) of twelve columns as CSV and as constant-memory xlsx,
// with the process's peak memory, to show a long list is written in flat memory.
// Run: ./build/bench/register_bench [SCENARIOS] [ROUNDS] [ROWS] [OUT.xlsx]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "export/csv_writer.h"
#include "sample_sra.h"
#include "timing.h"
#include "export/sra_register.h"
#include "export/xlsx_writer.h"

using namespace srm;

namespace {

long PeakKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  const int scenarios = argc > 1 ? std::atoi(argv[1]) : 200;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
  const long rows = argc > 3 ? std::atol(argv[3]) : 100000;
  const std::string out = argc > 4 ? argv[4] : (std::filesystem::temp_directory_path() / "srm-register-bench.xlsx").string();
  auto pack = domain::ParseMethodPack(domain::DefaultMethodPackJson());
  if (!pack) return 1;
  const domain::Sra sra = bench::MakeSampleSra(*pack, scenarios);
  exports::RegisterContext ctx;
  ctx.area_name = "Sanjar";
  ctx.requester = "Samir Security Professional";
  const bench::Timing t = bench::TimeRounds(rounds, [&](int) {
    auto w = exports::XlsxWriter::Create(out, {});
    return w && exports::WriteSraRegister(**w, *pack, sra, ctx);
  });
  if (!t.ok) return 1;
  std::printf("register.xlsx scenarios=%d rounds=%d median_ms=%.1f max_ms=%.1f bytes=%ju (target: under 1000 ms)\n",
              scenarios, rounds, t.median_ms, t.max_ms, static_cast<uintmax_t>(std::filesystem::file_size(out)));

  // A long list: the writers take one row at a time; memory must not grow with the rows.
  const long before_kb = PeakKb();
  for (const char* fmt : {"csv", "xlsx"}) {
    const std::string path = out + "." + fmt;
    const auto t0 = std::chrono::steady_clock::now();
    std::unique_ptr<exports::TableSink> sink;
    if (std::string(fmt) == "csv") {
      auto w = exports::CsvWriter::Create(path);
      if (!w) return 1;
      sink = std::move(*w);
    } else {
      exports::XlsxOptions o;
      o.constant_memory = true;
      auto w = exports::XlsxWriter::Create(path, o);
      if (!w) return 1;
      sink = std::move(*w);
    }
    std::vector<exports::ColumnSpec> cols;
    for (int c = 0; c < 12; ++c) cols.push_back({"column_" + std::to_string(c), 16});
    if (!sink->StartTable("list", cols)) return 1;
    for (long r = 0; r < rows; ++r) {
      std::vector<exports::Cell> row;
      for (int c = 0; c < 10; ++c) row.push_back(exports::Cell::Text("value " + std::to_string(r) + "/" + std::to_string(c)));
      row.push_back(exports::Cell::Number(static_cast<double>(r)));
      row.push_back(exports::Cell::Level(static_cast<int>(r % 6), "High"));
      if (!sink->Row(row)) return 1;
    }
    if (!sink->Finish()) return 1;
    std::printf("list.%s rows=%ld ms=%.0f bytes=%ju peak_rss_kb=%ld (before the lists: %ld)\n", fmt, rows,
                bench::MsSince(t0), static_cast<uintmax_t>(std::filesystem::file_size(path)),
                PeakKb(), before_kb);
    std::filesystem::remove(path);
  }
  return 0;
}
