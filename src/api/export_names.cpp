// Names beside the ids of an exported list (export_names.h).
#include "api/export_names.h"

#include <optional>
#include <utility>

#include "api/reference_names.h"
#include "service/admin.h"
#include "service/governance/governance.h"
#include "service/governance/workforce.h"

namespace srm::api {

namespace {

constexpr int kMaxDepth = 8;

// The id under `id_key` when the object has no `name_key` yet: what is still to be named.
const std::string* Unnamed(const json& o, const char* id_key, const char* name_key) {
  const auto it = o.find(id_key);
  if (it == o.end() || !it->is_string() || o.contains(name_key)) return nullptr;
  return &it->get_ref<const std::string&>();
}

template <typename V>
const V* Find(const std::map<std::string, V>& m, const std::string& id) {
  const auto it = m.find(id);
  return it == m.end() ? nullptr : &it->second;
}

void Beside(json& o, const char* id_key, const char* name_key, const std::map<std::string, std::string>& names) {
  const std::string* id = Unnamed(o, id_key, name_key);
  if (id == nullptr) return;
  const std::string* n = Find(names, *id);
  o[name_key] = n == nullptr ? std::string() : *n;
}

// A record the reader may not read (or that is gone) is named by nothing; any other failure stops the file.
template <typename T>
Result<std::optional<T>> Readable(Result<T> r) {
  if (r) return std::optional<T>(std::move(*r));
  if (r.error().kind == ErrorKind::kNotFound || r.error().kind == ErrorKind::kForbidden) return std::optional<T>();
  return std::unexpected(r.error());
}

}  // namespace

Status ExportNames::Name(const Principal& p, json& page) {
  if (d_ == nullptr) return {};
  SRM_TRY(NameReferences(*d_, p, page));
  if (!loaded_) {
    loaded_ = true;
    if (d_->admin != nullptr) {
      SRM_ASSIGN(areas, d_->admin->Areas(p, "", false));
      for (const auto& a : areas) areas_[a.id] = a.name;
      SRM_ASSIGN(orgs, d_->admin->Organizations(p));
      for (const auto& o : orgs) orgs_[o.id] = o.name;
    }
  }
  Wanted w;
  Gather(page, &w, 0);
  SRM_TRY(Resolve(p, w));
  Fill(page, 0);
  return {};
}

void ExportNames::Gather(const json& j, Wanted* w, int depth) const {
  if (depth > kMaxDepth) return;
  if (j.is_array()) {
    for (const auto& x : j) Gather(x, w, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  if (const std::string* id = Unnamed(j, "personnel_id", "personnel_name"); id && !people_.contains(*id))
    w->people.insert(*id);
  if (const std::string* id = Unnamed(j, "body_id", "body_name"); id && !bodies_.contains(*id)) w->bodies.insert(*id);
  if (const std::string* id = Unnamed(j, "meeting_id", "meeting_title"); id && !meetings_.contains(*id))
    w->meetings.insert(*id);
  for (const auto& [k, v] : j.items())
    if (v.is_structured()) Gather(v, w, depth + 1);
}

Status ExportNames::Resolve(const Principal& p, const Wanted& w) {
  for (const auto& id : w.people) {
    std::string name;
    if (d_->workforce != nullptr) {
      // WorkforceService::Get is the rule of personal data: 404 for whoever is not entitled to it.
      SRM_ASSIGN(person, Readable(d_->workforce->Get(p, id)));
      if (person) name = person->full_name;  // "" once purged
    }
    people_[id] = std::move(name);
  }
  for (const auto& id : w.bodies) {
    std::string name;
    if (d_->governance != nullptr) {
      SRM_ASSIGN(body, Readable(d_->governance->GetBody(p, id)));
      if (body) name = body->name;
    }
    bodies_[id] = std::move(name);
  }
  for (const auto& id : w.meetings) {
    Meeting m;
    if (d_->governance != nullptr) {
      SRM_ASSIGN(meeting, Readable(d_->governance->GetMeeting(p, id)));
      if (meeting) m = {meeting->title, meeting->held_on};
    }
    meetings_[id] = std::move(m);
  }
  return {};
}

void ExportNames::Fill(json& j, int depth) const {
  if (depth > kMaxDepth) return;
  if (j.is_array()) {
    for (auto& x : j) Fill(x, depth + 1);
    return;
  }
  if (!j.is_object()) return;
  Beside(j, "area_id", "area_name", areas_);
  Beside(j, "organization_id", "organization_name", orgs_);
  Beside(j, "personnel_id", "personnel_name", people_);
  Beside(j, "body_id", "body_name", bodies_);
  if (const std::string* id = Unnamed(j, "meeting_id", "meeting_title")) {
    const Meeting* m = Find(meetings_, *id);
    const std::string title = m ? m->title : "", held_on = m ? m->held_on : "";
    j["meeting_title"] = title;
    j["meeting_held_on"] = held_on;
  }
  for (auto& [k, v] : j.items())
    if (v.is_structured()) Fill(v, depth + 1);
}

}  // namespace srm::api
