#include "main/command_support.hpp"

namespace motcua::cli {

// Filled in by the calendar module.
void RegisterCalendarCommands(CLI::App&, CommandContext&) {}

}  // namespace motcua::cli
