#include "store/migrations.hpp"

namespace motcua::store {

std::vector<Migration> DossierMigrations() { return {}; }

}  // namespace motcua::store
