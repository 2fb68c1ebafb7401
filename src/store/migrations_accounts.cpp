#include "store/migrations.hpp"

namespace motcua::store {

std::vector<Migration> AccountMigrations() { return {}; }

}  // namespace motcua::store
