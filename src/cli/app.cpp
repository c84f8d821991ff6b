#include "cli/app.h"

#include <iostream>
#include <sstream>

#include <CLI/CLI.hpp>

#include "base/suggest.h"
#include "cli/commands.h"
#include "runner/process.h"

namespace perfgate {
namespace {

std::vector<std::string> words_of(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// The names a mistyped argument may have been meant as: the subcommands of
// `app` and the long options of the subcommand that was chosen.
std::vector<std::string> known_names(CLI::App& app) {
  std::vector<std::string> names;
  CLI::App* deepest = &app;
  for (CLI::App* command = &app; command;) {
    deepest = command;
    std::vector<CLI::App*> parsed = command->get_subcommands();
    command = parsed.empty() ? nullptr : parsed.front();
  }
  for (const CLI::App* command : deepest->get_subcommands({})) names.push_back(command->get_name());
  for (const CLI::Option* option : deepest->get_options()) {
    for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
  }
  return names;
}

// The arguments CLI11 could not place: those it left over (a mistyped
// command), else those its message lists after a colon (a mistyped flag).
std::vector<std::string> unplaced_arguments(CLI::App& app, const CLI::ParseError& error) {
  std::vector<std::string> leftover = app.remaining();
  if (!leftover.empty()) return leftover;
  std::string message = error.what();
  std::size_t colon = message.find(": ");
  if (colon == std::string::npos) return {};
  return words_of(message.substr(colon + 2));
}

// A "did you mean" for the first unplaced argument close to a known name
// saves the user a trip to --help.
std::string suggestion_for(CLI::App& app, const CLI::ParseError& error) {
  for (const std::string& word : unplaced_arguments(app, error)) {
    std::string typed = word.substr(0, word.find('='));
    if (auto near = nearest_name(typed, known_names(app))) {
      return " (did you mean '" + *near + "'?)";
    }
  }
  return "";
}

int handle_parse_error(CLI::App& app, const CLI::ParseError& error) {
  // --help and --version arrive as "errors" with exit code 0; CLI11 prints
  // them on stdout, which is where a user piping them expects them.
  if (error.get_exit_code() == 0) return app.exit(error);

  // CLI11 says "A subcommand is required" when the command is mistyped;
  // naming what was typed is more use.
  std::string message = error.what();
  std::vector<std::string> leftover = app.remaining();
  if (app.get_subcommands().empty() && !leftover.empty() && !leftover[0].starts_with("-")) {
    message = "unknown command '" + leftover[0] + "'";
  }
  std::cerr << "perfgate: error: " << message << suggestion_for(app, error) << "\n"
            << "run 'perfgate --help' or 'perfgate COMMAND --help' for usage\n";
  return static_cast<int>(ExitCode::kInputError);
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App app("perfgate: runs benchmark suites, compares them with a baseline using "
               "statistics, and fails the build when something got slower",
               "perfgate");
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", PERFGATE_VERSION);

  GlobalOptions global;
  app.add_flag("-v,--verbose", global.verbosity, "Show benchmark progress and more detail");
  app.add_flag("-q,--quiet", global.quiet, "Print only errors on stderr");

  CommandOutcome outcome;
  add_run_command(app, global, outcome);
  add_compare_command(app, global, outcome);
  add_gate_command(app, global, outcome);
  add_baseline_command(app, global, outcome);

  pass_interruptions_to_children();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return handle_parse_error(app, error);
  }
  finish_interruption();
  return outcome.exit_code;
}

}  // namespace perfgate
