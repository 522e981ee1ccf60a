// Hands the evidence service of an App to the HTTP API (kept apart from app.h, which does not
// know the API).
#pragma once

#include "api/server.h"
#include "server/app.h"

namespace srm::server {

inline api::ApiDeps WithEvidence(App& app, api::ApiDeps deps) {
  deps.evidence = app.evidence.get();
  deps.audit = app.audit.get();
  deps.exports = app.exports.get();
  deps.access_log = app.access_log.get();
  deps.documents = app.documents.get();
  deps.catalog = app.catalog.get();
  deps.budgets = app.budgets.get();
  deps.slas = app.slas.get();
  deps.fund = app.fund.get();
  deps.governance = app.governance.get();
  deps.action_plan = app.action_plan.get();
  deps.workforce = app.workforce.get();
  deps.review_comments = app.review_comments.get();
  return deps;
}

}  // namespace srm::server
