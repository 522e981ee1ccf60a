// Reference entities: organizations, geography, programmes, users. Plain values; == compares
// every field, so round-trip tests cover fields added later.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/roles.h"

namespace srm::domain {

struct Organization {
  std::string id, code, name;
  bool operator==(const Organization&) const = default;
};
struct Region {
  std::string id, name;
  bool operator==(const Region&) const = default;
};
struct Country {
  std::string id, region_id, iso2, name;
  bool operator==(const Country&) const = default;
};
struct Area {
  std::string id, country_id, name;
  std::string geometry;  // GeoJSON Polygon/MultiPolygon, lon/lat
  bool operator==(const Area&) const = default;
};
struct Location {
  std::string id, area_id, name, kind;
  double lat = 0, lon = 0;
  bool operator==(const Location&) const = default;
};
struct Programme {
  std::string id, organization_id, area_id, name, activity;
  int pc = 4;
  int international = 0, national = 0, on_mission = 0;
  std::string manager_id;  // the user who runs the activity ("" = nobody named); never accepts its risk
  bool operator==(const Programme&) const = default;
};

struct User {
  std::string id;
  std::string username;
  std::string display_name;
  std::string organization_id;
  std::string password_hash;  // argon2id; never leaves the service layer
  std::vector<RoleGrant> grants;
  bool disabled = false;
  std::string created_at;
  bool operator==(const User&) const = default;
};

}  // namespace srm::domain
