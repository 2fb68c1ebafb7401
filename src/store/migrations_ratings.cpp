#include "store/migrations.hpp"

namespace motcua::store {

// Version 10: filled in by the ratings module.
std::vector<Migration> RatingMigrations() { return {}; }

}  // namespace motcua::store
