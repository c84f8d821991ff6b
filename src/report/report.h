// Rendering a Comparison for people and machines. Reporters never decide
// the exit code.
#pragma once

#include <cstddef>
#include <string>

#include "compare/comparison.h"

namespace perfgate {

struct TableOptions {
  bool color = false;    ///< ANSI colours; only on a terminal, never with NO_COLOR
  bool explain = false;  ///< a line per row saying why its verdict was reached
};

/// A fixed-width table for a terminal.
std::string render_table(const Comparison& comparison, const TableOptions& options);

/// GitHub-flavoured markdown: verdict first, then regressions, then the rest.
std::string render_markdown(const Comparison& comparison);

/// The comparison document described in DESIGN.md and docs/.
std::string render_json(const Comparison& comparison);

/// GitHub workflow commands (::error, ::warning, ::notice), escaped so no
/// benchmark name can start a command. At most `max_per_kind` annotations of
/// each kind name a benchmark (the worst first); the rest are summed up in
/// one more annotation of that kind.
std::string render_github(const Comparison& comparison, std::size_t max_per_kind = 10);

}  // namespace perfgate
