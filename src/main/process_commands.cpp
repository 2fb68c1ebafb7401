// `motcua process import FILE` / `motcua process show CODE`: internal
// processes as files (the same JSON as GET/PUT /api/v1/procedures/{code}/process,
// plus "procedure_code"; a file may hold one process or an array of them).
// Imports are all-or-nothing per process and go through the same validation
// and audit as the page and the API, acting as the system administrator.

#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "main/command_support.hpp"
#include "main/portal.hpp"
#include "web/handling_json.hpp"

namespace motcua::cli {

namespace {

app::Principal SystemPrincipal() {
  app::Principal p;
  p.user.username = "cli";
  p.user.role = domain::Role::kSystemAdmin;
  p.user.agency_code = "";
  return p;
}

int Import(const std::string& url, const std::string& file) {
  auto text = ReadFile(file);
  if (!text) return Report(text.error());
  auto body = nlohmann::json::parse(*text, nullptr, false);
  if (body.is_discarded()) return Report({ErrorCode::kInvalidArgument, "Tệp không phải JSON hợp lệ.", file, {}});
  if (!body.is_array()) body = nlohmann::json::array({body});
  auto db = OpenMigrated(url, 2);
  if (!db) return Report(db.error());
  Portal portal(**db, "data/files");
  int saved = 0;
  for (const auto& item : body) {
    auto def = web::ProcessFromJson(item);
    if (!def) return Report(def.error());
    def->procedure_code = item.is_object() && item.contains("procedure_code") && item["procedure_code"].is_string()
                              ? item["procedure_code"].get<std::string>()
                              : "";
    auto result = portal.handling.SaveProcess(SystemPrincipal(), *def, "cli-process-import");
    if (!result) {
      std::cerr << "motcua: thủ tục " << def->procedure_code << ":\n";
      return Report(result.error());
    }
    std::cout << fmt::format("Thủ tục {}: đã lưu quy trình phiên bản {} (hiệu lực từ {}).\n", result->procedure_code,
                             result->version, FormatIsoDate(result->effective_from));
    ++saved;
  }
  return 0;
}

int Show(const std::string& url, const std::string& code) {
  auto db = OpenMigrated(url, 2);
  if (!db) return Report(db.error());
  Portal portal(**db, "data/files");
  auto current = portal.handling.CurrentProcess(code);
  if (!current) return Report(current.error());
  std::cout << web::ProcessJson(*current).dump(2) << "\n";
  return 0;
}

}  // namespace

void RegisterProcessCommands(CLI::App& app, CommandContext& ctx) {
  auto* process = app.add_subcommand("process", "Internal processes (quy trình nội bộ) of procedures");
  process->require_subcommand(1);
  auto* import = process->add_subcommand("import", "Store new process versions from a JSON file");
  static std::string file;
  import->add_option("FILE", file, "JSON file: one process or an array")->required();
  import->callback([&ctx] {
    ctx.handled = true;
    ctx.exit_code = Import(ctx.db_url, file);
  });
  auto* show = process->add_subcommand("show", "Print the process in force for a procedure as JSON");
  static std::string code;
  show->add_option("CODE", code, "Procedure code, e.g. 2.000488")->required();
  show->callback([&ctx] {
    ctx.handled = true;
    ctx.exit_code = Show(ctx.db_url, code);
  });
}

}  // namespace motcua::cli
