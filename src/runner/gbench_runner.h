// Runs a Google Benchmark binary and reads what it wrote.
#pragma once

#include "base/error.h"
#include "result/result.h"
#include "suite/suite.h"

namespace perfgate {

/// Runs the binary of a gbench entry with JSON output to a temporary file
/// and returns what it wrote as a Result (its benchmarks carry the entry's
/// name; git metadata is left for the caller). A crash, a non-zero exit or a
/// timeout is an ErrorKind::kTarget error carrying the tail of stderr.
/// `verbose` passes the binary's progress through to stderr.
Expected<Result> run_gbench_entry(const SuiteEntry& entry, bool verbose);

}  // namespace perfgate
