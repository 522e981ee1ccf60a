// Reference entities: organizations, geography, programmes, users. Plain values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/roles.h"

namespace srm::domain {

struct Organization { std::string id, code, name; };
struct Region { std::string id, name; };
struct Country { std::string id, region_id, iso2, name; };
struct Area {
  std::string id, country_id, name;
  std::string geometry;  // GeoJSON Polygon/MultiPolygon, lon/lat
};
struct Location { std::string id, area_id, name, kind; double lat = 0, lon = 0; };
struct Programme {
  std::string id, organization_id, area_id, name, activity;
  int pc = 4;
  int international = 0, national = 0, on_mission = 0;
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
};

}  // namespace srm::domain
