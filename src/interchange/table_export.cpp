#include "interchange/table_export.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>

#include <xlsxwriter.h>

namespace motcua::interchange {

namespace {

std::string CsvField(const std::string& value) {
  bool quote = value.find_first_of(",\"\r\n") != std::string::npos;
  // A leading =, +, - or @ would be a formula in a spreadsheet (CSV injection).
  bool formula = !value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@');
  std::string out = formula ? "'" + value : value;
  if (!quote) return out;
  std::string q = "\"";
  for (char c : out) {
    if (c == '"') q += '"';
    q += c;
  }
  return q + "\"";
}

}  // namespace

std::string ToCsv(const Table& table) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += CsvField(cells[i]);
    }
    out += "\r\n";
  };
  line(table.headers);
  for (const auto& row : table.rows) line(row);
  return out;
}

Result<std::string> ToXlsx(const Table& table) {
  const char* tmp = std::getenv("TMPDIR");
  std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/motcua-export-XXXXXX";
  int fd = mkstemp(path.data());
  if (fd < 0) return Fail(ErrorCode::kInternal, "Không tạo được tệp xuất.", "mkstemp failed");
  close(fd);
  struct Cleanup {
    std::string path;
    ~Cleanup() { unlink(path.c_str()); }
  } cleanup{path};
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (!workbook) return Fail(ErrorCode::kInternal, "Không tạo được tệp Excel.", "workbook_new failed");
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, nullptr);
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  lxw_format* header = workbook_add_format(workbook);
  format_set_bold(header);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  lxw_row_t r = 0;
  if (!table.title.empty()) worksheet_write_string(sheet, r++, 0, table.title.c_str(), bold);
  std::vector<std::size_t> widths(table.headers.size(), 8);
  for (std::size_t c = 0; c < table.headers.size(); ++c) {
    worksheet_write_string(sheet, r, static_cast<lxw_col_t>(c), table.headers[c].c_str(), header);
    widths[c] = std::max(widths[c], std::min<std::size_t>(table.headers[c].size(), 40));
  }
  ++r;
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size(); ++c) {
      worksheet_write_string(sheet, r, static_cast<lxw_col_t>(c), row[c].c_str(), nullptr);
      if (c < widths.size()) widths[c] = std::max(widths[c], std::min<std::size_t>(row[c].size(), 50));
    }
    ++r;
  }
  for (std::size_t c = 0; c < widths.size(); ++c) {
    worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), static_cast<double>(widths[c]) * 0.9,
                         nullptr);
  }
  if (workbook_close(workbook) != LXW_NO_ERROR) {
    return Fail(ErrorCode::kInternal, "Không ghi được tệp Excel.", "workbook_close failed");
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() < 4 || bytes.compare(0, 2, "PK") != 0) {
    return Fail(ErrorCode::kInternal, "Không đọc được tệp Excel.", "xlsx read back failed");
  }
  return bytes;
}

}  // namespace motcua::interchange
