// The import pipeline as the import job runs it, with a sink that checks what it is handed: shared
// by fuzz_csv_import (files) and fuzz_json_body (POST /incidents/import {"csv", "mapping"}).
#pragma once

#include <algorithm>
#include <cstring>
#include <optional>
#include <string_view>

#include "core/calendar.h"
#include "domain/method.h"
#include "evidence/csv_reader.h"
#include "evidence/dates.h"
#include "evidence/formats.h"
#include "evidence/importer.h"
#include "fuzz_support.h"

namespace srm::fuzz {

inline const domain::MethodPack& DefaultPack() {
  static const domain::MethodPack pack = [] {
    auto p = domain::ParseMethodPack(domain::DefaultMethodPackJson());
    if (!p) Finding("the default method pack does not parse", p.error().message);
    return *p;
  }();
  return pack;
}

// Reads the input in pieces of `piece` bytes.
inline evidence::CsvReader::ReadFn Source(std::string_view in, size_t piece) {
  return [in, piece, pos = size_t{0}](char* buf, size_t cap) mutable -> long long {
    const size_t n = std::min({cap, piece, in.size() - pos});
    std::memcpy(buf, in.data() + pos, n);
    pos += n;
    return static_cast<long long>(n);
  };
}

struct CheckingSink : evidence::ImportSink {
  Status Write(std::vector<evidence::Incident>& incidents, std::vector<evidence::RefusedRow>& refused,
               evidence::ImportCounts* counts) override {
    for (const evidence::Incident& i : incidents) {
      for (const std::string* s : {&i.source, &i.source_id, &i.country, &i.admin1, &i.location, &i.event_type,
                                   &i.sub_event_type, &i.actor_type, &i.category, &i.notes, &i.placement_note})
        Utf8(*s, "an accepted incident holds a string that is not UTF-8");
      Expect(!i.source_id.empty() && i.source_id.size() <= 120, "an incident without a usable id", i.source_id);
      Expect(i.day >= calendar::kFirstDay && i.day <= calendar::kLastDay,
             "an incident dated outside the calendar's years", evidence::FormatDay(i.day));
      Expect(!i.has_point || (i.lat >= -90 && i.lat <= 90 && i.lon >= -180 && i.lon <= 180),
                   "an incident with coordinates out of range");
      Expect(i.fatalities >= 0 && i.aid_victims >= 0 && i.un_victims >= 0, "a negative count of people");
      Expect(i.notes.size() <= 2000, "notes longer than 2,000 bytes");
    }
    for (const evidence::RefusedRow& r : refused) {
      Utf8(r.field, "a refused row's field is not UTF-8");
      Utf8(r.reason, "a refused row's reason is not UTF-8");
      Utf8(r.excerpt, "a refused row's excerpt is not UTF-8");
      Expect(r.excerpt.size() <= 512, "a refused row's excerpt is longer than 512 bytes");
      Expect(!r.reason.empty(), "a refused row without a reason");
    }
    counts->inserted += static_cast<int64_t>(incidents.size());
    return {};
  }
};

// Runs the import of `in` (read `piece` bytes at a time) with `mapping`, or with the layout detected.
inline void Import(std::string_view in, std::optional<evidence::ColumnMapping> mapping, size_t piece) {
  evidence::ImportOptions o;
  o.mapping = std::move(mapping);
  o.max_day = *calendar::FromCivil(2025, 1, 1);
  o.batch_rows = 8;
  o.give_up_after = 50;
  o.csv.buffer_bytes = 4096;  // the pieces are smaller anyway; a 1 MiB buffer per run only costs time
  evidence::CategoryMapper categories(DefaultPack().evidence);
  CheckingSink sink;
  auto r = evidence::RunImport(Source(in, piece), in.size(), o, categories, nullptr, sink);
  if (!r) {
    Utf8(r.error().message, "the error of a refused file is not UTF-8");
    ErrorReply(r.error());
    return;
  }
  Expect(r->accepted + r->refused == r->records, "accepted + refused != records");
  Expect(r->bytes_read <= in.size(), "more bytes read than the input holds");
  for (const auto& [k, v] : r->unmapped_types) Utf8(k, "an unmapped type is not UTF-8");
}

}  // namespace srm::fuzz
