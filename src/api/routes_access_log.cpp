// The access log of an SRA (issue 17): GET /api/v1/sras/{id}/access-log, newest first, for its
// owners, the DSS desk and auditors (service/access_log.h, domain/access_log_rule.h).
#include "api/access_record.h"
#include "api/routes.h"

namespace srm::api {
namespace {

// "YYYY-MM-DD" or an RFC 3339 UTC time ("YYYY-MM-DDTHH:MM:SS[.fff]Z"), compared as text with the
// stored times; a bare date as `to` means the whole of that day.
Result<std::string> TimeBound(const Ctx& c, const char* name, bool end_of_day) {
  std::string v = c.Query(name);
  if (v.empty()) return v;
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i)
      if (i >= v.size() || v[i] < '0' || v[i] > '9') return false;
    return true;
  };
  const bool date = v.size() >= 10 && digits(0, 4) && v[4] == '-' && digits(5, 2) && v[7] == '-' && digits(8, 2);
  const bool ok = date && (v.size() == 10 || (v.size() <= 30 && v[10] == 'T' && v.back() == 'Z' &&
                                              v.find_first_not_of("0123456789-:.TZ") == std::string::npos));
  if (!ok) return Invalid("invalid_value", std::string(name) + " must be a date (YYYY-MM-DD) or a UTC time", name);
  if (v.size() == 10 && end_of_day) v += "T23:59:59.999Z";
  return v;
}

json AccessJson(const store::AccessEntry& a) {
  return {{"at", a.at},
          {"user_id", a.user_id},
          {"user_name", a.user_name},
          {"sra_id", a.sra_id},
          {"version", a.version},
          {"kind", a.kind},
          {"format", a.format},
          {"resource", a.resource},
          {"client_addr", a.client_addr},
          {"request_id", a.request_id},
          {"batch_id", a.batch_id}};
}

}  // namespace

void AddAccessLogRoutes(std::vector<Route>* t, const ApiDeps* d) {
  t->push_back({"GET", "/api/v1/sras/{id}/access-log", Auth::kRequired, [d](Ctx& c) -> Result<Reply> {
                  if (d->access_log == nullptr) return Unavailable("this server keeps no access log");
                  SRM_ASSIGN(page, PageFrom(c));
                  store::AccessFilter f;
                  f.kind = c.Query("kind");
                  if (!f.kind.empty() && !service::AccessKindFromName(f.kind))
                    return Invalid("invalid_value", "kind must be read, document, register or export", "kind");
                  f.user_id = c.Query("user_id");
                  if (f.user_id.size() > 64) return Invalid("invalid_value", "user_id too long", "user_id");
                  SRM_ASSIGN(from, TimeBound(c, "from", false));
                  SRM_ASSIGN(to, TimeBound(c, "to", true));
                  f.from = std::move(from);
                  f.to = std::move(to);
                  SRM_ASSIGN(rows, d->access_log->List(c.principal, c.Param(1), f, page));
                  return JsonReply(PageJson(rows, AccessJson));
                },
                {}});
}

}  // namespace srm::api
