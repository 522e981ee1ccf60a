// bench/evidence.sh's C++ half. Loads the 4,594 real admin-1 polygons, seeds N incidents spread
// like real ones (clustered around the real OSAC incident locations, plus a uniform background),
// then times OpenSRM's placement (GEOS point-in-polygon over an STR tree, 2 threads) and the
// indicators per area x category. Writes the same areas and incidents as CSV for the PostGIS run,
// and measures an end-to-end import (CSV -> parse -> validate -> place -> SQLite) in rows/s, with
// the floor under it (the same rows appended to a table with no key and no index).
//
//   evidence_bench --boundaries DIR --osac FILE --incidents N --out DIR [--threads T] [--import-rows N]
#include <sqlite3.h>
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/calendar.h"
#include "domain/method.h"
#include "evidence/area_index.h"
#include "evidence/boundaries.h"
#include "evidence/csv_reader.h"
#include "evidence/dates.h"
#include "evidence/formats.h"
#include "evidence/importer.h"
#include "evidence/indicators.h"
#include "store/incident_store.h"

namespace ev = srm::evidence;
using Clock = std::chrono::steady_clock;

namespace {

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// CPU seconds (user + system, all threads) of this process so far. On a machine shared with other
// work the wall-clock figures include waiting for a core; the CPU figures do not.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// CPU seconds of the calling thread.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Seeded {
  double lat, lon;
  int32_t day;
  uint8_t category;  // index into the pack's categories
  int32_t fatalities, aid, un;
};

const char* kAcledTypes[] = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots",
                             "Protests"};

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // progress lines as they come, also into a pipe
  std::string boundaries, osac, out_dir = ".";
  long long n = 1000000, import_rows = 1000000;
  int threads = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--boundaries") boundaries = v;
    else if (k == "--osac") osac = v;
    else if (k == "--incidents") n = std::stoll(v);
    else if (k == "--out") out_dir = v;
    else if (k == "--threads") threads = std::stoi(v);
    else if (k == "--import-rows") import_rows = std::stoll(v);
    else {
      std::cerr << "unknown option " << k << "\n";
      return 2;
    }
  }
  if (boundaries.empty() || osac.empty()) {
    std::cerr << "usage: evidence_bench --boundaries DIR --osac FILE [--incidents N] [--out DIR] [--threads T]\n";
    return 2;
  }
  std::filesystem::create_directories(out_dir);
  auto pack_r = srm::domain::ParseMethodPack(srm::domain::DefaultMethodPackJson());
  const srm::domain::MethodPack& pack = *pack_r;
  const srm::domain::EvidenceParams& ep = pack.evidence;

  // ---- areas ----
  auto t = Clock::now();
  std::vector<ev::AreaShape> shapes;
  std::ofstream areas_csv(out_dir + "/areas.csv");
  for (const auto& e : std::filesystem::directory_iterator(boundaries)) {
    if (e.path().extension() != ".json") continue;
    auto f = ev::ReadBoundaries(ReadFile(e.path()), e.path().string());
    if (!f) {
      std::cerr << f.error().message << "\n";
      return 1;
    }
    for (auto& b : *f) {
      // GeoJSON in a CSV field: quotes doubled.
      std::string gj;
      for (char c : b.shape.geojson) {
        gj.push_back(c);
        if (c == '"') gj.push_back('"');
      }
      areas_csv << b.shape.id << ",\"" << gj << "\"\n";
      shapes.push_back(std::move(b.shape));
    }
  }
  areas_csv.close();
  const double load_s = Since(t);
  t = Clock::now();
  ev::AreaIndexOptions opts;
  opts.nearest_km = 0;  // the same question PostGIS answers: which polygon holds the point
  auto index_r = ev::AreaIndex::Build(std::move(shapes), opts);
  if (!index_r) {
    std::cerr << index_r.error().message << "\n";
    return 1;
  }
  const ev::AreaIndex& index = **index_r;
  const double build_s = Since(t);
  std::printf("areas: %zu polygons, %zu vertices, %zu repaired; read %.2f s, index built %.2f s\n",
              index.stats().with_geometry, index.stats().vertices, index.stats().repaired, load_s, build_s);

  // ---- seeded incidents: clustered like the real ones ----
  std::vector<std::pair<double, double>> centres;
  {
    const std::string csv = ReadFile(osac);
    size_t pos = 0;
    ev::CsvReader reader([&](char* buf, size_t cap) -> long long {
      size_t k = std::min(cap, csv.size() - pos);
      std::memcpy(buf, csv.data() + pos, k);
      pos += k;
      return static_cast<long long>(k);
    });
    int lat_col = -1, lon_col = -1;
    if (reader.Read() == ev::CsvReader::Next::kRecord)
      for (size_t i = 0; i < reader.fields().size(); ++i) {
        if (reader.fields()[i] == "latitude") lat_col = static_cast<int>(i);
        if (reader.fields()[i] == "longitude") lon_col = static_cast<int>(i);
      }
    while (reader.Read() == ev::CsvReader::Next::kRecord)
      if (lat_col >= 0 && lon_col >= 0 && reader.fields().size() > static_cast<size_t>(std::max(lat_col, lon_col)))
        centres.emplace_back(std::stod(std::string(reader.fields()[lat_col])),
                             std::stod(std::string(reader.fields()[lon_col])));
  }
  const int32_t as_of = *srm::calendar::FromCivil(2024, 6, 30);
  std::mt19937_64 rng(42);
  std::normal_distribution<double> jitter(0, 0.35);
  std::uniform_real_distribution<double> u01(0, 1);
  std::vector<Seeded> incidents(static_cast<size_t>(n));
  for (auto& s : incidents) {
    if (u01(rng) < 0.85) {  // around a real incident
      const auto& c = centres[static_cast<size_t>(rng() % centres.size())];
      s.lat = std::clamp(c.first + jitter(rng), -89.9, 89.9);
      s.lon = std::clamp(c.second + jitter(rng), -179.9, 179.9);
    } else {  // anywhere between 56S and 70N
      s.lat = -56 + u01(rng) * 126;
      s.lon = -180 + u01(rng) * 360;
    }
    s.day = as_of - static_cast<int32_t>(std::pow(u01(rng), 1.5) * 1825);
    s.category = static_cast<uint8_t>(rng() % 4);
    s.fatalities = u01(rng) < 0.3 ? static_cast<int32_t>(rng() % 6) : 0;
    s.aid = u01(rng) < 0.05 ? 1 : 0;
    s.un = u01(rng) < 0.01 ? 1 : 0;
  }
  {
    std::ofstream inc_csv(out_dir + "/incidents.csv");
    char line[160];
    for (size_t i = 0; i < incidents.size(); ++i) {
      const auto& s = incidents[i];
      int len = std::snprintf(line, sizeof line, "%zu,%.6f,%.6f,%d,%s,%d,%d,%d\n", i, s.lon, s.lat, s.day,
                              pack.threat_categories[s.category].key.c_str(), s.fatalities, s.aid, s.un);
      inc_csv.write(line, len);
    }
  }
  std::printf("incidents: %lld seeded (85%% around the %zu real OSAC locations), as of %s\n", n, centres.size(),
              ev::FormatDay(as_of).c_str());

  // ---- timed: placement + indicators ----
  const double cpu0 = CpuSeconds();
  t = Clock::now();
  std::vector<int32_t> area_of(incidents.size(), -1);
  {
    std::vector<std::thread> pool;
    std::atomic<size_t> next{0};
    const size_t chunk = 8192;
    for (int w = 0; w < threads; ++w)
      pool.emplace_back([&] {
        for (;;) {
          const size_t b = next.fetch_add(chunk);
          if (b >= incidents.size()) return;
          const size_t e = std::min(incidents.size(), b + chunk);
          for (size_t i = b; i < e; ++i) area_of[i] = index.Locate(incidents[i].lat, incidents[i].lon).area;
        }
      });
    for (auto& th : pool) th.join();
  }
  const double place_s = Since(t);
  auto t2 = Clock::now();
  const size_t cats = pack.threat_categories.size();
  ev::IndicatorModel model(ep, as_of);
  std::vector<ev::IndicatorAccumulator> acc(index.areas().size() * cats);
  size_t placed = 0;
  for (size_t i = 0; i < incidents.size(); ++i) {
    if (area_of[i] < 0) continue;
    ++placed;
    const auto& s = incidents[i];
    model.Add(&acc[static_cast<size_t>(area_of[i]) * cats + s.category], {s.day, s.fatalities, s.aid, s.un});
  }
  size_t groups = 0;
  double checksum = 0;
  for (size_t a = 0; a < index.areas().size(); ++a)
    for (size_t c = 0; c < cats; ++c) {
      const auto& x = acc[a * cats + c];
      if (x.lookback == 0) continue;
      ev::Indicators in = ev::Finish(pack, ep, as_of, pack.threat_categories[c].key, x, ep.sra_period_days);
      ++groups;
      checksum += in.probability;
    }
  const double ind_s = Since(t2);
  const double srm_s = Since(t);
  const double srm_cpu = CpuSeconds() - cpu0;
  std::printf("srm: placement %.3f s (%d threads), indicators %.3f s, total %.3f s wall, %.3f s CPU; %zu of %lld "
              "placed, %zu area x category groups (checksum %.3f)\n",
              place_s, threads, ind_s, srm_s, srm_cpu, placed, n, groups, checksum);
  {
    std::ofstream f(out_dir + "/srm_result.txt");
    f << "srm_s " << srm_s << "\nsrm_cpu_s " << srm_cpu << "\nplaced " << placed << "\ngroups " << groups << "\n";
  }

  // ---- import into the store, end to end ----
  if (import_rows > 0) {
    const std::string csv_path = out_dir + "/import.csv";
    {
      std::ofstream f(csv_path);
      f << "event_id_cnty,event_date,event_type,sub_event_type,inter1,country,admin1,location,latitude,longitude,"
           "geo_precision,notes,fatalities\n";
      char line[256];
      for (long long i = 0; i < import_rows; ++i) {
        const auto& s = incidents[static_cast<size_t>(i) % incidents.size()];
        int len = std::snprintf(line, sizeof line, "BEN%lld,%s,%s,Attack,%d,Somewhere,,\"Town, district\",%.5f,%.5f,1,"
                                "\"seeded, row %lld\",%d\n",
                                i, ev::FormatDay(s.day).c_str(), kAcledTypes[s.category % 5],
                                static_cast<int>(i % 8) + 1, s.lat, s.lon, i, s.fatalities);
        f.write(line, len);
      }
    }
    const std::string db = out_dir + "/import.db";
    for (const char* sfx : {"", "-wal", "-shm"}) std::filesystem::remove(db + sfx);
    auto store = srm::store::OpenSqliteIncidentStore(db, 1);
    if (!store || !(*store)->Migrate()) {
      std::cerr << "cannot open " << db << "\n";
      return 1;
    }
    struct Sink : ev::ImportSink {
      srm::store::IncidentStore* s;
      double write_wall = 0, write_cpu = 0;  // spent in the store, on the writer thread
      srm::Status Write(std::vector<ev::Incident>& inc, std::vector<ev::RefusedRow>& ref,
                        ev::ImportCounts* c) override {
        const auto w0 = Clock::now();
        const double c0 = ThreadCpuSeconds();
        auto r = s->AddBatch("bench", inc, ref);
        write_cpu += ThreadCpuSeconds() - c0;
        write_wall += Since(w0);
        if (!r) return std::unexpected(r.error());
        c->inserted += r->inserted;
        c->duplicates += r->duplicates;
        return {};
      }
    } sink;
    sink.s = store->get();
    ev::CategoryMapper categories(ep);
    ev::ImportOptions io;
    io.max_day = as_of;
    FILE* f = std::fopen(csv_path.c_str(), "rb");
    const double icpu0 = CpuSeconds();
    t = Clock::now();
    // As the import service does: a bulk load, its by-area indexes built at the end (timed).
    if (auto begun = (*store)->BeginBulk(static_cast<int64_t>(std::filesystem::file_size(csv_path) / 100));
        !begun) {
      std::cerr << "cannot begin the bulk load: " << begun.error().message << "\n";
      return 1;
    }
    auto counts = ev::RunImport(
        [f](char* buf, size_t cap) -> long long { return static_cast<long long>(std::fread(buf, 1, cap, f)); },
        std::filesystem::file_size(csv_path), io, categories, &index, sink);
    const double parsed_s = Since(t);
    const auto e0 = Clock::now();
    const bool ended = (*store)->EndBulk().has_value();
    const double end_bulk_s = Since(e0);
    const double import_s = Since(t);
    if (!ended) {
      std::cerr << "cannot end the bulk load\n";
      return 1;
    }
    const double import_cpu = CpuSeconds() - icpu0;
    std::fclose(f);
    if (!counts) {
      std::cerr << "import failed: " << counts.error().message << "\n";
      return 1;
    }
    std::printf("import: %lld rows (%.0f MB) into SQLite in %.2f s wall = %.0f rows/s; %.2f s CPU = %.0f rows/s "
                "per CPU second (inserted %lld, placed %lld, refused %lld)\n",
                static_cast<long long>(counts->records), std::filesystem::file_size(csv_path) / 1e6, import_s,
                counts->records / import_s, import_cpu, counts->records / import_cpu,
                static_cast<long long>(counts->inserted), static_cast<long long>(counts->placed),
                static_cast<long long>(counts->refused));
    std::printf("import: rows read and written in %.2f s, area indexes built in %.2f s; store writes %.2f s wall, "
                "%.2f s CPU on the writer thread\n",
                parsed_s, end_bulk_s, sink.write_wall, sink.write_cpu);
    std::ofstream r(out_dir + "/srm_result.txt", std::ios::app);
    r << "import_rows_per_s " << static_cast<long long>(counts->records / import_s) << "\n";
    r << "import_rows_per_cpu_s " << static_cast<long long>(counts->records / import_cpu) << "\n";
    for (const char* sfx : {"", "-wal", "-shm"}) std::filesystem::remove(db + sfx);

    // The floor under that figure: the same file, parsed and placed the same way, its rows appended
    // by one prepared INSERT into a table of the same columns with no key and no index (same
    // pragmas, same batches). No store that keeps re-imports idempotent and answers by area can be
    // faster than this on the machine.
    sqlite3* raw = nullptr;
    sqlite3_open(db.c_str(), &raw);
    sqlite3_exec(raw,
                 "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -131072; "
                 "PRAGMA wal_autocheckpoint = 16384; CREATE TABLE incidents (id INTEGER PRIMARY KEY, source TEXT, "
                 "source_id TEXT, day INTEGER, date_precision INTEGER, lat REAL, lon REAL, country TEXT, admin1 TEXT, "
                 "location TEXT, event_type TEXT, sub_event_type TEXT, actor_type TEXT, category TEXT, mapped INTEGER, "
                 "fatalities INTEGER, aid_victims INTEGER, un_victims INTEGER, notes TEXT, area_id TEXT, precision "
                 "INTEGER, placement_note TEXT, import_id TEXT, line INTEGER)",
                 nullptr, nullptr, nullptr);
    struct FloorSink : ev::ImportSink {
      sqlite3* db;
      sqlite3_stmt* st = nullptr;
      srm::Status Write(std::vector<ev::Incident>& inc, std::vector<ev::RefusedRow>&, ev::ImportCounts* c) override {
        auto text = [&](int i, const std::string& v) {
          sqlite3_bind_text(st, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
        };
        sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
        for (const ev::Incident& i : inc) {
          text(1, i.source), text(2, i.source_id), sqlite3_bind_int64(st, 3, i.day);
          sqlite3_bind_int64(st, 4, i.date_precision), sqlite3_bind_double(st, 5, i.lat);
          sqlite3_bind_double(st, 6, i.lon), text(7, i.country), text(8, i.admin1), text(9, i.location);
          text(10, i.event_type), text(11, i.sub_event_type), text(12, i.actor_type), text(13, i.category);
          sqlite3_bind_int64(st, 14, i.mapped), sqlite3_bind_int64(st, 15, i.fatalities);
          sqlite3_bind_int64(st, 16, i.aid_victims), sqlite3_bind_int64(st, 17, i.un_victims), text(18, i.notes);
          text(19, i.area_id), sqlite3_bind_int64(st, 20, static_cast<int>(i.precision));
          text(21, i.placement_note), text(22, "bench-import-0000-0000-0000-000000000000"), sqlite3_bind_int64(st, 23, i.line);
          if (sqlite3_step(st) != SQLITE_DONE) return srm::Internal(sqlite3_errmsg(db));
          sqlite3_reset(st);
          ++c->inserted;
        }
        if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) return srm::Internal(sqlite3_errmsg(db));
        return {};
      }
    } floor_sink;
    floor_sink.db = raw;
    sqlite3_prepare_v2(raw,
                       "INSERT INTO incidents (source, source_id, day, date_precision, lat, lon, country, admin1, "
                       "location, event_type, sub_event_type, actor_type, category, mapped, fatalities, aid_victims, "
                       "un_victims, notes, area_id, precision, placement_note, import_id, line) VALUES (?1, ?2, ?3, "
                       "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)",
                       -1, &floor_sink.st, nullptr);
    f = std::fopen(csv_path.c_str(), "rb");
    t = Clock::now();
    auto floor_counts = ev::RunImport(
        [f](char* buf, size_t cap) -> long long { return static_cast<long long>(std::fread(buf, 1, cap, f)); },
        std::filesystem::file_size(csv_path), io, categories, &index, floor_sink);
    const double floor_s = Since(t);
    std::fclose(f);
    sqlite3_finalize(floor_sink.st);
    sqlite3_close(raw);
    if (!floor_counts || floor_counts->inserted != counts->records) {
      std::cerr << "floor import failed\n";
      return 1;
    }
    std::printf("import floor (same rows, bare append: no key, no index): %.2f s = %.0f rows/s\n", floor_s,
                floor_counts->records / floor_s);
    r << "import_floor_rows_per_s " << static_cast<long long>(floor_counts->records / floor_s) << "\n";
    std::filesystem::remove(csv_path);
    for (const char* sfx : {"", "-wal", "-shm"}) std::filesystem::remove(db + sfx);
  }
  return 0;
}
