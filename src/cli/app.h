// The command line: parses arguments, dispatches to a command, and turns
// every outcome into one of the exit codes of DESIGN.md.
#pragma once

namespace perfgate {

/// Runs perfgate with the process arguments and returns the exit code.
int run_cli(int argc, char** argv);

}  // namespace perfgate
