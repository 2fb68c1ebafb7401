#include "store/migrations.hpp"

namespace motcua::store {

std::vector<Migration> CalendarMigrations() { return {}; }

}  // namespace motcua::store
