#pragma once
// Field (lĩnh vực): the subject area a procedure belongs to, e.g. "Hộ tịch".

#include <string>

namespace motcua::domain {

struct Field {
  std::string code;  // short unique code, e.g. "HT"
  std::string name;
};

}  // namespace motcua::domain
