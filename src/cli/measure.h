// Measuring a suite into a Result.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "cli/common.h"
#include "result/result.h"
#include "suite/suite.h"

namespace perfgate {

/// Runs every entry of `suite` (or only those named in `only_entries`) and
/// returns the Result, with git metadata and the machine filled in.
Expected<Result> measure_suite(const Suite& suite, const std::vector<std::string>& only_entries,
                               const GlobalOptions& global);

}  // namespace perfgate
