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
// The command the user got to: the last subcommand that was parsed.
CLI::App& deepest_command(CLI::App& app) {
  CLI::App* deepest = &app;
  for (std::vector<CLI::App*> parsed = app.get_subcommands(); !parsed.empty();
       parsed = deepest->get_subcommands()) {
    deepest = parsed.front();
  }
  return *deepest;
}

// The names a mistyped argument may have been meant as: the subcommands and
// the long options of the command that was chosen.
std::vector<std::string> known_names(CLI::App& app) {
  CLI::App& deepest = deepest_command(app);
  std::vector<std::string> names;
  for (const CLI::App* command : deepest.get_subcommands({})) names.push_back(command->get_name());
  for (const CLI::Option* option : deepest.get_options()) {
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
    auto near = nearest_name(typed, known_names(app));
    if (near && *near != typed) {
      return " (did you mean '" + *near + "'?)";
    }
  }
  return "";
}

int handle_parse_error(CLI::App& app, const CLI::ParseError& error) {
  // --help and --version arrive as "errors" with exit code 0; CLI11 prints
  // them on stdout, which is where a user piping them expects them.
  if (error.get_exit_code() == 0) return app.exit(error);

  // CLI11 says "A subcommand is required" when a command is mistyped, and
  // "Could not convert: --alpha = x" for a bad number; naming what was typed
  // is more use.
  std::string message = error.what();
  std::vector<std::string> leftover = app.remaining();
  CLI::App& deepest = deepest_command(app);
  bool expects_command = !deepest.get_subcommands({}).empty();
  std::string parent = &deepest == &app ? "" : deepest.get_name() + " ";
  if (expects_command && !leftover.empty() && !leftover[0].starts_with("-")) {
    message = "unknown " + parent + "command '" + leftover[0] + "'";
  } else if (expects_command && deepest.get_subcommands().empty()) {
    std::string commands;
    for (const CLI::App* command : deepest.get_subcommands({})) {
      commands += (commands.empty() ? "" : ", ") + command->get_name();
    }
    message = "no " + parent + "command given (one of: " + commands + ")";
  }
  constexpr std::string_view kConversion = "Could not convert: ";
  if (message.starts_with(kConversion)) {
    std::string flag_and_value = message.substr(kConversion.size());
    std::size_t equals = flag_and_value.find(" = ");
    if (equals != std::string::npos) {
      message = flag_and_value.substr(0, equals) + " " + flag_and_value.substr(equals + 3) +
                ": not a number";
    }
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
