#include "store/sql/constraint_codes.h"

namespace srm::store::sql {
namespace {
constexpr KnownConstraint kKnown[] = {
    {"users.username", "users_username_key", "username_taken", "the username is taken"},
    {"index 'users_username_lower'", "users_username_lower", "username_taken",
     "the username is taken (in another case)"},
    {"methods.version", "methods_pkey", "method_exists", "a method pack with this version is installed"},
    {"methods.active", "methods_one_active", "active_method_exists", "another method pack is active"},
    {"sras.series_id, sras.version", "sras_series_version_key", "sra_version_exists",
     "this SRA series already has that version"},
};
}  // namespace

std::span<const KnownConstraint> KnownConstraints() { return kKnown; }

}  // namespace srm::store::sql
