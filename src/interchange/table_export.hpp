#pragma once
// Tables (registers, reports) exported as CSV (RFC 4180, UTF-8 with a BOM
// so spreadsheet programs read Vietnamese correctly) and XLSX (libxlsxwriter).

#include <string>
#include <vector>

#include "core/error.hpp"

namespace motcua::interchange {

struct Table {
  std::string title;                 // sheet title / first row of the XLSX
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
};

std::string ToCsv(const Table& table);

// The bytes of an .xlsx workbook with one sheet. Errors: kInternal if the
// workbook cannot be written (temporary file, library error).
Result<std::string> ToXlsx(const Table& table);

}  // namespace motcua::interchange
