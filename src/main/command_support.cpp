#include "main/command_support.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "store/migrations.hpp"

namespace motcua::cli {

// One clear line on stderr and a non-zero exit code.
int Report(const Error& error) {
  std::string detail = error.internal_message;
  // One line: libpq messages span several lines.
  for (char& c : detail) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  while (!detail.empty() && detail.back() == ' ') detail.pop_back();
  std::cerr << "motcua: " << error.user_message;
  if (!detail.empty()) std::cerr << " (" << detail << ")";
  std::cerr << "\n";
  for (const auto& f : error.fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
  switch (error.code) {
    case ErrorCode::kInvalidArgument: return 2;
    case ErrorCode::kUnavailable: return 3;
    default: return 1;
  }
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kInvalidArgument, fmt::format("Không đọc được tệp {}.", path), "cannot open file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<std::unique_ptr<store::Database>> OpenMigrated(const std::string& url, std::size_t pool) {
  auto db = store::Database::Open(url, pool);
  if (!db) return db;
  auto version = store::SchemaVersion(**db);
  if (!version) return Fail(version.error());
  if (*version < store::Migrations().back().version) {
    return Fail(ErrorCode::kFailedPrecondition,
                "Cơ sở dữ liệu chưa được cập nhật cấu trúc: hãy chạy `motcua migrate`.",
                fmt::format("schema version {} < {}", *version, store::Migrations().back().version));
  }
  return db;
}

}  // namespace motcua::cli
