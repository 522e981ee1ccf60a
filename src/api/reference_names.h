// Names beside the ids an answer points at (issue 18, plain language: "Amina Diallo", "Kalari
// area SRA", never "usr_…" or "sra_1430e434…"), filled at the API edge for every authenticated
// route, so no codec or route has to know:
//   - a user reference {id, username}            gains display_name;
//   - sra_id / specific_sra_id                    gain sra_title / specific_sra_title;
//   - measure_id beside an sra_id                 gains measure_description;
//   - egs_decision_id                             gains egs_decision_name {area_name, from, to};
//   - country_id                                  gains country_name;
//   - who acted named by username (by, decided_by, coordinated_by, recorded_by, confirmed_by,
//     created_by, actor as text)                  gains <key>_name, their display name.
// One store query per kind for the whole answer (a page of 500 legs over 3 SRAs: one SRA query),
// none when the answer points at nothing. A name the reader may not see (another organization's
// specific SRA, an SRA or EGS decision outside the reader's areas) is answered empty ("" / null),
// the same as a record that is gone: the name never says more than opening the record would.
// Opening a record to name it is not reading it: nothing is written to the SRA access log.
#pragma once

#include <nlohmann/json.hpp>

#include "api/routes.h"

namespace srm::api {

// Whether anything in `body` is still to be named: a walk of the json, no copy, parse or store read.
bool HasReferences(const nlohmann::json& body);

// Fills the names into `body` (in place) for the reader `p`. Inside a signed-in route, JsonReply
// does this on the json before its one dump (Reply::names_filled); only an answer made as text
// (a stored body) is parsed to be named.
Status NameReferences(const ApiDeps& d, const Principal& p, nlohmann::json& body);

// The same on a finished reply: a 2xx JSON body that names a reference (a cheap text check first;
// documents with an ETag, the SRA itself, are left as they are: their bytes are their version).
Status NameReferencesInReply(const ApiDeps& d, const Principal& p, Reply& reply);

// Wraps a route's handler so its answers carry the names.
Handler WithReferenceNames(Handler inner, const ApiDeps* d);

}  // namespace srm::api
