#include "evidence/importer.h"

#include "evidence/coverage.h"

#include <future>

namespace srm::evidence {

Result<ImportCounts> RunImport(CsvReader::ReadFn read, uint64_t total_bytes, const ImportOptions& opts,
                               const CategoryMapper& categories, const AreaIndex* areas, ImportSink& sink) {
  ImportCounts counts;
  counts.total_bytes = total_bytes;
  CsvReader reader(std::move(read), opts.csv);
  // Header.
  CsvReader::Next n = reader.Read();
  if (n == CsvReader::Next::kEnd) return Invalid("empty_file", "the file is empty", "file");
  if (n == CsvReader::Next::kReadError) return Unavailable(reader.error());
  if (n == CsvReader::Next::kBadRecord)
    return Invalid("bad_header", "the header cannot be read: " + reader.error(), "file");
  const std::vector<std::string_view> header = reader.fields();
  std::vector<std::string> header_copy(header.begin(), header.end());
  std::vector<std::string_view> header_view(header_copy.begin(), header_copy.end());
  ColumnMapping mapping;
  if (opts.mapping) {
    mapping = *opts.mapping;
  } else if (auto f = DetectFormat(header_view)) {
    mapping = BuiltinMapping(*f);
  } else {
    std::string cols;
    for (size_t i = 0; i < header_view.size() && i < 12; ++i)
      cols += (i ? ", " : "") + Utf8Prefix(header_view[i], 40);
    if (header_view.size() > 12) cols += ", ...";
    return Invalid("unknown_layout",
                   "line 1: the header (" + cols +
                       ") is not an AWSD, ACLED or UCDP GED layout; give a column mapping (--mapping FILE)",
                   "file");
  }
  counts.layout = mapping.name;
  counts.covers = MappingCoverage(mapping);
  SRM_ASSIGN(layout, BoundLayout::Bind(mapping, header_view));

  std::vector<Incident> batch;
  std::vector<RefusedRow> refused;
  batch.reserve(std::min<size_t>(opts.batch_rows, 100000));
  bool flushed = false;
  // Double buffering: one batch is written by a second thread while the next one is parsed and
  // placed, so the import runs at the pace of the slower of the two, not of their sum. At most two
  // batches are in memory.
  std::vector<Incident> writing;
  std::vector<RefusedRow> writing_refused;
  ImportCounts written;  // inserted / duplicates, owned by the writer thread while it runs
  std::future<Status> pending;
  auto wait = [&]() -> Status {
    if (!pending.valid()) return {};
    Status s = pending.get();
    counts.inserted = written.inserted;
    counts.duplicates = written.duplicates;
    counts.bytes_read = reader.bytes_read();
    sink.Progress(counts);
    return s;
  };
  auto flush = [&]() -> Status {
    if (batch.empty() && refused.empty()) return {};
    SRM_TRY(wait());
    flushed = true;
    writing.swap(batch);
    writing_refused.swap(refused);
    batch.clear();
    refused.clear();
    pending = std::async(std::launch::async, [&] {
      Status s = sink.Write(writing, writing_refused, &written);
      return s;
    });
    return {};
  };
  struct Drain {  // never leave the writer running past this function, whatever the return path
    std::future<Status>* f;
    ~Drain() {
      if (f->valid()) f->wait();
    }
  } drain{&pending};
  auto refuse = [&](RefusedRow row) {
    ++counts.refused;
    if (counts.refused > opts.max_refused_kept) {
      ++counts.refused_not_kept;
      return;
    }
    refused.push_back(std::move(row));
  };
  Incident inc;
  RefusedRow bad;
  for (;;) {
    n = reader.Read();
    if (n == CsvReader::Next::kEnd) break;
    if (n == CsvReader::Next::kReadError) return Unavailable(reader.error());
    ++counts.records;
    if (n == CsvReader::Next::kBadRecord) {
      RefusedRow row;
      row.line = reader.line();
      row.reason = reader.error();
      row.excerpt = reader.Excerpt();
      refuse(std::move(row));
    } else if (!layout.Convert(reader.fields(), reader.line(), categories, opts.max_day, &inc, &bad)) {
      bad.excerpt = reader.Excerpt();
      refuse(std::move(bad));
      bad = RefusedRow{};
    } else {
      ++counts.accepted;
      if (!inc.mapped) {
        ++counts.unmapped;
        const std::string key = inc.source + ": " + inc.event_type;
        if (auto it = counts.unmapped_types.find(key); it != counts.unmapped_types.end()) ++it->second;
        else if (counts.unmapped_types.size() < 50) counts.unmapped_types.emplace(key, 1);
      } else if (inc.category.empty()) {
        ++counts.context_only;
      }
      if (areas != nullptr) {
        Placement p = areas->Place(inc);
        if (p.area >= 0) {
          inc.area_id = areas->areas()[static_cast<size_t>(p.area)].id;
          inc.precision = p.precision;
          inc.placement_note = p.note;
          ++counts.placed;
        } else {
          inc.placement_note = p.note;
          ++counts.unplaced;
        }
      } else {
        if (inc.placement_note.empty()) inc.placement_note = "no areas to place in";
        ++counts.unplaced;
      }
      ++counts.by_precision[static_cast<size_t>(inc.precision)];
      batch.push_back(std::move(inc));
    }
    if (!flushed && counts.accepted == 0 && counts.records >= opts.give_up_after) {
      const std::string first = refused.empty() ? "" : refused.front().reason;
      return Invalid("not_incident_file", "the first " + std::to_string(counts.records) +
                                              " records were all refused; the file is refused as a whole "
                                              "(first reason: " + first + ")",
                     "file");
    }
    if (batch.size() >= opts.batch_rows || refused.size() >= opts.batch_rows) SRM_TRY(flush());
  }
  if (!flushed && counts.accepted == 0 && counts.refused > 0) {
    const std::string first = refused.empty() ? "" : refused.front().reason;
    return Invalid("not_incident_file", "every record was refused; the file is refused as a whole (first reason: " +
                                            first + ")",
                   "file");
  }
  SRM_TRY(flush());
  SRM_TRY(wait());
  counts.bytes_read = reader.bytes_read();
  return counts;
}

}  // namespace srm::evidence
