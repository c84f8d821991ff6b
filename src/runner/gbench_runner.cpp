// Running a Google Benchmark binary with its JSON written to a temporary
// file, and reading that file back as a Result.
#include "runner/gbench_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "ingest/load_input.h"
#include "runner/process.h"

namespace perfgate {
namespace {

// A file made with mkostemp and removed when this goes out of scope, so no
// way out of run_gbench_entry leaves it behind.
class TemporaryFile {
 public:
  TemporaryFile() {
    std::error_code error;
    std::filesystem::path folder = std::filesystem::temp_directory_path(error);
    if (error) folder = "/tmp";
    std::string pattern = (folder / "perfgate-gbench-XXXXXX").string();
    int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (fd < 0) {
      error_ = "cannot create a temporary file in " + folder.string() + ": " +
               std::strerror(errno) + " (set TMPDIR to a writable folder)";
      return;
    }
    ::close(fd);
    path_ = pattern;
  }
  ~TemporaryFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  const std::string& path() const { return path_; }
  const std::string& error() const { return error_; }

 private:
  std::string path_;
  std::string error_;
};

// A number of seconds as Google Benchmark 1.7 reads --benchmark_min_time (a
// plain number; newer versions accept it too), and as messages show it.
std::string seconds_text(double seconds) {
  char buffer[32];
  auto [end, code] = std::to_chars(buffer, buffer + sizeof buffer, seconds);
  return code == std::errc() ? std::string(buffer, end) : std::to_string(seconds);
}

std::vector<std::string> command_line(const SuiteEntry& entry, const std::string& out_path) {
  // A bare name is a file in the current folder here, not a program on PATH.
  bool bare = entry.binary.find('/') == std::string::npos;
  std::vector<std::string> argv{bare ? "./" + entry.binary : entry.binary};
  argv.insert(argv.end(), entry.args.begin(), entry.args.end());

  argv.push_back("--benchmark_out=" + out_path);
  argv.push_back("--benchmark_out_format=json");
  if (!entry.filter.empty()) argv.push_back("--benchmark_filter=" + entry.filter);
  argv.push_back("--benchmark_repetitions=" + std::to_string(entry.repetitions));
  if (entry.min_time_s) argv.push_back("--benchmark_min_time=" + seconds_text(*entry.min_time_s));
  return argv;
}

// Signals a program raises on itself when it goes wrong; any other signal
// came from outside (SIGKILL is often the out-of-memory killer).
bool is_crash_signal(int signal_number) {
  switch (signal_number) {
    case SIGSEGV:
    case SIGABRT:
    case SIGBUS:
    case SIGFPE:
    case SIGILL:
    case SIGTRAP:
    case SIGSYS:
      return true;
    default:
      return false;
  }
}

std::string with_stderr_tail(std::string message, std::string tail) {
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r')) tail.pop_back();
  if (tail.empty()) return message;
  return message + "; last lines of its stderr:\n" + tail;
}

Error failure(const SuiteEntry& entry, const ProcessOutcome& outcome) {
  std::string what;
  if (outcome.timed_out) {
    what = "timed out after " + seconds_text(entry.timeout_s.value_or(0)) + " s";
  } else if (outcome.signal) {
    int number = *outcome.signal;
    what = (is_crash_signal(number) ? "crashed with signal " : "was killed by signal ") +
           std::to_string(number) + " (" + ::strsignal(number) + ")";
  } else {
    what = "exited with code " + std::to_string(outcome.exit_code);
  }
  return Error(with_stderr_tail(entry.binary + " " + what, outcome.stderr_tail),
               ErrorKind::kTarget);
}

// Google Benchmark opens its output file before it looks for benchmarks, so
// a filter that matches nothing leaves the file empty and exits with 0.
bool wrote_nothing(const std::string& path) {
  std::error_code error;
  std::uintmax_t size = std::filesystem::file_size(path, error);
  return error || size == 0;
}

Expected<Result> read_output(const SuiteEntry& entry, const std::string& out_path,
                             const ProcessOutcome& outcome) {
  if (wrote_nothing(out_path)) {
    std::string hint =
        entry.filter.empty() ? "" : " (does filter \"" + entry.filter + "\" match any?)";
    return Error(with_stderr_tail(entry.binary + " ran no benchmarks" + hint, outcome.stderr_tail),
                 ErrorKind::kTarget);
  }

  // The file is ours and about to go; what the user can act on is which
  // binary wrote it.
  // The reader's message names the temporary path and, for text that is not
  // JSON, suggests the flags perfgate passed already; neither helps here.
  Expected<Result> result = load_results_file(out_path);
  if (!result) {
    std::string detail = result.error().message();
    if (detail.starts_with(out_path + ": ")) detail.erase(0, out_path.size() + 2);
    std::size_t hint = detail.find(" (Google Benchmark writes JSON with");
    if (hint != std::string::npos) detail.erase(hint);
    return Error(entry.binary + " wrote output perfgate cannot read to --benchmark_out: " +
                     detail + " (is it a Google Benchmark binary?)",
                 ErrorKind::kTarget);
  }
  return result;
}

}  // namespace

Expected<Result> run_gbench_entry(const SuiteEntry& entry, bool verbose) {
  std::string where = "entry \"" + entry.name + "\"";
  std::error_code error;
  std::filesystem::file_status binary = std::filesystem::status(entry.binary, error);
  if (!std::filesystem::exists(binary)) {
    return Error(where + ": binary " + entry.binary + " does not exist (build it first)");
  }
  if (std::filesystem::is_directory(binary)) {
    return Error(where + ": binary " + entry.binary + " is a folder, not a program");
  }

  TemporaryFile output;
  if (output.path().empty()) return Error(where + ": " + output.error());

  ProcessOptions options;
  options.timeout_s = entry.timeout_s;
  options.echo_stderr = verbose;
  options.stdout_to_stderr = verbose;
  Expected<ProcessOutcome> outcome = run_process(command_line(entry, output.path()), options);
  if (!outcome) return outcome.error().with_context(where);
  if (!outcome->succeeded()) return failure(entry, *outcome).with_context(where);

  Expected<Result> result = read_output(entry, output.path(), *outcome);
  if (!result) return result.error().with_context(where);
  for (Benchmark& benchmark : result->benchmarks) benchmark.entry = entry.name;
  return result;
}

}  // namespace perfgate
