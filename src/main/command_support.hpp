#pragma once
// Shared pieces of the `motcua` subcommands, which live one module per file
// (catalog, calendar, users, ...) and register themselves on the CLI11 app.

#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "core/error.hpp"
#include "store/database.hpp"

namespace motcua::cli {

// State shared by all subcommands. `db_url` is filled by the global --db
// option before any subcommand callback runs.
struct CommandContext {
  std::string db_url;
  bool handled = false;  // a registered subcommand ran
  int exit_code = 0;
};

// Prints "motcua: <message> (<detail>)" on one line of stderr (field errors
// follow, indented) and returns the exit code for the error: 2 invalid input,
// 3 database unavailable, 1 otherwise.
int Report(const Error& error);

// Opens the database and checks it is fully migrated.
// Errors: as Database::Open; kFailedPrecondition if `motcua migrate` is due.
Result<std::unique_ptr<store::Database>> OpenMigrated(const std::string& url, std::size_t pool);

// Reads a whole file. Errors: kInvalidArgument if it cannot be read.
Result<std::string> ReadFile(const std::string& path);

// Each module's registration function (defined in its own file).
void RegisterCalendarCommands(CLI::App& app, CommandContext& ctx);
void RegisterUserCommands(CLI::App& app, CommandContext& ctx);
void RegisterDossierCommands(CLI::App& app, CommandContext& ctx);
void RegisterJobCommands(CLI::App& app, CommandContext& ctx);
void RegisterReportCommands(CLI::App& app, CommandContext& ctx);
void RegisterProcessCommands(CLI::App& app, CommandContext& ctx);

}  // namespace motcua::cli
