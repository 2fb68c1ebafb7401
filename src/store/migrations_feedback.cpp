#include "store/migrations.hpp"

namespace motcua::store {

// Version 11: filled in by the feedback module.
std::vector<Migration> FeedbackMigrations() { return {}; }

}  // namespace motcua::store
