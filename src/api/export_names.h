// Names beside the ids of an exported list (issue 18, plain language): a file says who and what in
// words, as the page does. Each page written into a file is named
//   - as the JSON answer is (api/reference_names.h: display_name, sra_title, measure_description,
//     country_name, <key>_name): the same query per kind and the same rules — an SRA the reader
//     may not open stays unnamed;
//   - area_id / organization_id        gain area_name / organization_name, from the areas and
//     organizations the reader is shown (GET /areas, /organizations), read once per file;
//   - body_id                          gains body_name, meeting_id gains meeting_title and
//     meeting_held_on (a governance decision's body and meeting, as the governance page shows
//     them), read by the governance service's own reads (GetBody, GetMeeting: who may read them);
//   - personnel_id                     gains personnel_name (whom a surge deployment deploys),
//     read by WorkforceService::Get, the one rule of personal data: a reader not entitled to the
//     person's personal data (or a person gone, or purged) gets an empty name, the id stays.
// A body, meeting or person is read once per file however many rows point at it. A name the
// reader may not see is written empty, as for a record that is gone.
#pragma once

#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "api/routes.h"

namespace srm::api {

class ExportNames {
 public:
  explicit ExportNames(const ApiDeps* d) : d_(d) {}

  // Fills the names into one JSON page of a list ({"items": [...], ...}) in place, for reader `p`.
  Status Name(const Principal& p, nlohmann::json& page);

 private:
  struct Meeting {
    std::string title, held_on;
  };
  // The ids of the page still to be named, gathered in one walk.
  struct Wanted {
    std::set<std::string> people, bodies, meetings;
  };
  void Gather(const nlohmann::json& j, Wanted* w, int depth) const;
  Status Resolve(const Principal& p, const Wanted& w);
  void Fill(nlohmann::json& j, int depth) const;

  const ApiDeps* d_;
  bool loaded_ = false;
  std::map<std::string, std::string> areas_, orgs_, people_, bodies_;
  std::map<std::string, Meeting> meetings_;
};

}  // namespace srm::api
