#pragma once
// The `motcua` command line: the composition root that builds adapters,
// wires use cases and runs one subcommand.

namespace motcua::cli {

// Runs the command line; returns the process exit code.
int Run(int argc, char** argv);

}  // namespace motcua::cli
