// Recording an access from a route handler (issue 17): the caller, its client address and request
// id go to the access log (service/access_log.h) with what was read or exported. Call it after the
// authorization succeeded and before the reply is built, SRM_TRY'd: it fails only with 503 when
// the log cannot take the entry, and then the content must not be handed out unrecorded.
#pragma once

#include <string_view>

#include "api/routes.h"
#include "service/access_log.h"

namespace srm::api {

// version 0: the access log's writer looks it up. sra_id "" and `resource` set for the export of
// a list that is no SRA (e.g. "clearances"). Nothing is recorded when the server has no access log.
inline Status RecordAccess(const Ctx& c, const ApiDeps* d, std::string_view sra_id, int version,
                           service::AccessKind kind, std::string_view format, std::string_view resource = {}) {
  if (d == nullptr || d->access_log == nullptr) return {};
  return d->access_log->Record(c.principal, sra_id, version, kind, format, c.client_addr, resource);
}

}  // namespace srm::api
