// Notifications: written by the decisions, read and marked read by their owner.
#include "service/decisions/internal.h"

namespace srm::service {

using domain::records::Notification;
using store::Page;
using store::PageRequest;
using namespace decision_kinds;
using namespace decision_detail;

Status DecisionService::Notify(Batch& b, const std::string& user_id, const std::string& org_id, const std::string& type,
                               const std::string& object_id, const std::string& message,
                               const domain::records::NotificationDetail& detail) {
  if (user_id.empty()) return {};
  Notification n;
  n.id = ids_->NewId("ntf");
  n.user_id = user_id;
  n.organization_id = org_id;
  n.type = type;
  n.object_id = object_id;
  n.message = message;
  n.detail = detail;
  n.status = "unread";
  n.created_at = n.updated_at = b.now;
  b.writes.push_back(DecisionRecords::Put(n, 0));
  return {};
}

Result<std::vector<std::string>> DecisionService::OrgUserIds(Batch& b, const std::string& org_id) {
  if (auto it = b.org_users.find(org_id); it != b.org_users.end()) return it->second;
  if (b.org_users.empty()) {
    b.org_users["\x01loaded"] = {};
    SRM_ASSIGN(users, AllPages<domain::User>([&](const PageRequest& page) { return store_->ListUsers({}, page); }));
    for (const auto& u : users)
      if (!u.disabled) b.org_users[u.organization_id].push_back(u.id);
  }
  return b.org_users[org_id];
}

Result<Page<Notification>> DecisionService::Notifications(const Principal& p, bool unread_only, const PageRequest& page) {
  return records_->ListNotifications(p.user.id, unread_only, page);
}

Result<Notification> DecisionService::MarkNotificationRead(const Principal& p, const std::string& id) {
  if (!ValidId(id)) return NotFound("notification");
  SRM_ASSIGN(found, records_->Notification(id));
  if (!found || found->user_id != p.user.id) return NotFound("notification " + id);
  Notification n = std::move(*found);
  if (n.status == "read") return n;
  const int64_t revision = n.revision;
  const std::string now = Now();
  n.status = "read";
  n.read_at = now;
  n.updated_at = now;
  store::AuditEvent ev{p.user.id, p.user.username, RoleLabel(p, {}), "notification.read", kNotification, id,
                       R"({"status":"unread"})", R"({"status":"read"})", p.request_id};
  SRM_TRY(records_->Commit({DecisionRecords::Put(n, revision)}, {ev}));
  n.revision = revision + 1;
  return n;
}

}  // namespace srm::service
