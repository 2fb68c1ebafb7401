#include "main/cli.hpp"

int main(int argc, char** argv) { return motcua::cli::Run(argc, argv); }
