// Running a child process and collecting what it leaves behind.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"

namespace perfgate {

struct ProcessOutcome {
  int exit_code = 0;          ///< valid when !signal
  std::optional<int> signal;  ///< set when the child died of a signal
  bool timed_out = false;
  std::string stderr_tail;    ///< the last few KiB of standard error
  bool succeeded() const { return !signal && !timed_out && exit_code == 0; }
};

struct ProcessOptions {
  std::optional<double> timeout_s;
  bool echo_stderr = false;  ///< pass standard error through while it runs
  /// Send the child's standard output to our standard error (progress for
  /// people) instead of discarding it; our stdout stays for results.
  bool stdout_to_stderr = false;
};

/// Runs `argv` (argv[0] is looked up on PATH when it has no slash), with
/// standard output discarded. Fails only when the process cannot start.
Expected<ProcessOutcome> run_process(const std::vector<std::string>& argv,
                                     const ProcessOptions& options);

/// Makes SIGINT, SIGTERM and SIGHUP stop the running child's whole process
/// group; run_process then fails with "interrupted". With no child running,
/// such a signal ends perfgate at once, as by default.
void pass_interruptions_to_children();

/// After an interruption has been wound up, dies of the same signal so the
/// caller (a shell, CI) sees it; returns when there was none.
void finish_interruption();

}  // namespace perfgate
