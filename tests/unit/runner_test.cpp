// run_process and run_gbench_entry on real programs: the system's true,
// false, sh and sleep, and tests/fixtures/tiny_bench.cpp, a real Google
// Benchmark binary that can also crash, fail and hang on request.
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "runner/gbench_runner.h"
#include "temp_folder.h"
#include "runner/process.h"

namespace perfgate {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

ProcessOutcome run(const std::vector<std::string>& argv, ProcessOptions options = {}) {
  Expected<ProcessOutcome> outcome = run_process(argv, options);
  if (!outcome) FAIL(outcome.error().message());
  return *outcome;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Points a standard stream of this process at a file while it lives, so a
// test can see what run_process passed through or let through.
class RedirectedStream {
 public:
  RedirectedStream(int fd, const std::string& path) : fd_(fd), saved_(::dup(fd)) {
    int file = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(file, fd_);
    ::close(file);
  }
  ~RedirectedStream() {
    ::dup2(saved_, fd_);
    ::close(saved_);
  }
  RedirectedStream(const RedirectedStream&) = delete;
  RedirectedStream& operator=(const RedirectedStream&) = delete;

 private:
  int fd_;
  int saved_;
};

// Whether `pid` is gone: no process, or a zombie nobody has reaped yet (in a
// container the reaper may be slow or absent).
bool process_gone(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return true;
  std::string line;
  std::getline(stat, line);
  std::size_t paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] == 'Z';
}

}  // namespace

TEST_CASE("run_process reports how a program ended", "[runner]") {
  ProcessOutcome done = run({"true"});
  CHECK(done.succeeded());
  CHECK(done.exit_code == 0);
  CHECK_FALSE(done.signal);
  CHECK_FALSE(done.timed_out);
  CHECK(done.stderr_tail.empty());

  ProcessOutcome failed = run({"false"});
  CHECK_FALSE(failed.succeeded());
  CHECK(failed.exit_code == 1);
  CHECK_FALSE(failed.signal);

  ProcessOutcome exited = run({"sh", "-c", "echo oops >&2; exit 42"});
  CHECK(exited.exit_code == 42);
  CHECK(exited.stderr_tail == "oops\n");

  ProcessOutcome crashed = run({"sh", "-c", "kill -SEGV $$"});
  CHECK_FALSE(crashed.succeeded());
  REQUIRE(crashed.signal);
  CHECK(*crashed.signal == SIGSEGV);
  CHECK_FALSE(crashed.timed_out);
}

TEST_CASE("run_process kills a program that runs past its timeout", "[runner]") {
  ProcessOptions options;
  options.timeout_s = 0.2;
  Clock::time_point start = Clock::now();
  ProcessOutcome outcome = run({"sleep", "5"}, options);

  CHECK(outcome.timed_out);
  CHECK_FALSE(outcome.succeeded());
  REQUIRE(outcome.signal);
  CHECK(*outcome.signal == SIGKILL);
  double elapsed_s = seconds_since(start);
  CHECK(elapsed_s >= 0.2);
  CHECK(elapsed_s < 2);
}

TEST_CASE("a timeout kills what the program started too", "[runner]") {
  TempFolder folder;
  std::string pid_file = folder.file("pid");
  ProcessOptions options;
  options.timeout_s = 0.3;
  ProcessOutcome outcome =
      run({"sh", "-c", "sleep 30 & echo $! > " + pid_file + "; wait"}, options);
  CHECK(outcome.timed_out);

  pid_t grandchild = std::stoi(read_text(pid_file));
  bool gone = false;
  for (int attempt = 0; attempt < 100 && !gone; ++attempt) {
    gone = process_gone(grandchild);
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(gone);
}

TEST_CASE("run_process returns when the program exits, not when its pipe closes", "[runner]") {
  // The background sleep inherits standard error and holds it open.
  Clock::time_point start = Clock::now();
  ProcessOutcome outcome = run({"sh", "-c", "sleep 2 & exit 0"});
  CHECK(outcome.succeeded());
  CHECK(seconds_since(start) < 1.5);
}

TEST_CASE("run_process keeps the last 4 KiB of standard error", "[runner]") {
  std::string script = "i=0; while [ $i -lt 2000 ]; do echo \"line $i\" >&2; i=$((i+1)); done";
  ProcessOutcome outcome = run({"sh", "-c", script});

  std::string everything;
  for (int i = 0; i < 2000; ++i) everything += "line " + std::to_string(i) + "\n";
  REQUIRE(everything.size() > 4096);
  CHECK(outcome.stderr_tail == everything.substr(everything.size() - 4096));
}

TEST_CASE("run_process discards standard output and echoes stderr on request", "[runner]") {
  TempFolder folder;
  std::string out_file = folder.file("out");
  std::string err_file = folder.file("err");
  ProcessOptions echo;
  echo.echo_stderr = true;
  ProcessOutcome quiet;
  ProcessOutcome echoed;
  {
    RedirectedStream out(STDOUT_FILENO, out_file);
    RedirectedStream err(STDERR_FILENO, err_file);
    quiet = run({"sh", "-c", "echo to-stdout; echo quiet >&2"});
    echoed = run({"sh", "-c", "echo to-stdout; echo loud >&2"}, echo);
  }

  CHECK(read_text(out_file).empty());
  CHECK(read_text(err_file) == "loud\n");
  CHECK(quiet.stderr_tail == "quiet\n");
  CHECK(echoed.stderr_tail == "loud\n");
}

TEST_CASE("a program that cannot start is an error, not an outcome", "[runner]") {
  Expected<ProcessOutcome> on_path = run_process({"perfgate-no-such-program"}, {});
  REQUIRE_FALSE(on_path);
  CHECK(on_path.error().kind() == ErrorKind::kTarget);
  CHECK(on_path.error().message() ==
        "cannot run perfgate-no-such-program: No such file or directory");

  Expected<ProcessOutcome> by_path = run_process({"/nonexistent/program", "--flag"}, {});
  REQUIRE_FALSE(by_path);
  CHECK(by_path.error().kind() == ErrorKind::kTarget);
  CHECK(by_path.error().message() == "cannot run /nonexistent/program: No such file or directory");

  TempFolder folder;
  std::string script = folder.file("not-executable");
  std::ofstream(script) << "#!/bin/sh\nexit 0\n";
  ::chmod(script.c_str(), 0644);
  Expected<ProcessOutcome> refused = run_process({script}, {});
  REQUIRE_FALSE(refused);
  if (::geteuid() != 0) {
    CHECK(refused.error().message() == "cannot run " + script + ": Permission denied");
  }
}

namespace {

// Sends the runner's temporary files into a folder of the test's own, so a
// test can check that none is left behind.
class PrivateTmpdir {
 public:
  PrivateTmpdir() {
    const char* old = std::getenv("TMPDIR");
    if (old) old_ = old;
    had_old_ = old != nullptr;
    ::setenv("TMPDIR", folder_.path().c_str(), 1);
  }
  ~PrivateTmpdir() {
    if (had_old_) {
      ::setenv("TMPDIR", old_.c_str(), 1);
    } else {
      ::unsetenv("TMPDIR");
    }
  }
  PrivateTmpdir(const PrivateTmpdir&) = delete;
  PrivateTmpdir& operator=(const PrivateTmpdir&) = delete;

  bool empty() const { return std::filesystem::is_empty(folder_.path()); }

 private:
  TempFolder folder_;
  std::string old_;
  bool had_old_ = false;
};

SuiteEntry tiny_entry() {
  SuiteEntry entry;
  entry.name = "tiny";
  entry.binary = PERFGATE_TINY_BENCH;
  entry.repetitions = 3;
  entry.min_time_s = 0.01;
  return entry;
}

const std::string kBinary = PERFGATE_TINY_BENCH;

}  // namespace

TEST_CASE("run_gbench_entry reads every benchmark of a real binary", "[runner]") {
  PrivateTmpdir tmpdir;
  Expected<Result> result = run_gbench_entry(tiny_entry(), false);
  REQUIRE(result);
  CHECK(tmpdir.empty());

  REQUIRE(result->benchmarks.size() == 3);
  for (const Benchmark& benchmark : result->benchmarks) CHECK(benchmark.entry == "tiny");

  const Benchmark* sum = result->find_benchmark("BM_Sum");
  REQUIRE(sum);
  CHECK(sum->status == BenchmarkStatus::kOk);
  const Metric* real_time = sum->find_metric("real_time");
  REQUIRE(real_time);
  CHECK(real_time->samples.size() == 3);
  const Metric* cpu_time = sum->find_metric("cpu_time");
  REQUIRE(cpu_time);
  CHECK(cpu_time->samples.size() == 3);

  const Benchmark* items = result->find_benchmark("BM_Items");
  REQUIRE(items);
  const Metric* counter = items->find_metric("items");
  REQUIRE(counter);
  CHECK(counter->samples == std::vector<double>{8, 8, 8});
  const Metric* rate = items->find_metric("items_per_second");
  REQUIRE(rate);
  CHECK(rate->samples.size() == 3);
  CHECK(rate->better == Better::kHigher);

  const Benchmark* broken = result->find_benchmark("BM_Broken");
  REQUIRE(broken);
  CHECK(broken->status == BenchmarkStatus::kError);
  CHECK(broken->message == "deliberate");
}

TEST_CASE("run_gbench_entry passes the filter and the repetitions", "[runner]") {
  SuiteEntry entry = tiny_entry();
  entry.filter = "BM_Sum";
  entry.repetitions = 5;
  Expected<Result> result = run_gbench_entry(entry, false);
  REQUIRE(result);
  REQUIRE(result->benchmarks.size() == 1);
  CHECK(result->benchmarks[0].name == "BM_Sum");
  REQUIRE(result->benchmarks[0].find_metric("real_time"));
  CHECK(result->benchmarks[0].find_metric("real_time")->samples.size() == 5);
}

TEST_CASE("a filter that matches nothing is an error with the binary's words", "[runner]") {
  SuiteEntry entry = tiny_entry();
  entry.filter = "BM_Nothing";
  PrivateTmpdir tmpdir;
  Expected<Result> result = run_gbench_entry(entry, false);
  REQUIRE_FALSE(result);
  CHECK(tmpdir.empty());
  CHECK(result.error().kind() == ErrorKind::kTarget);
  CHECK(result.error().message() ==
        "entry \"tiny\": " + kBinary +
            " ran no benchmarks (does filter \"BM_Nothing\" match any?); last lines of its "
            "stderr:\nFailed to match any benchmarks against regex: BM_Nothing");
}

TEST_CASE("a crash is a target error with the tail of stderr", "[runner]") {
  SuiteEntry entry = tiny_entry();
  entry.args = {"--crash"};
  entry.filter = "BM_Crash";
  PrivateTmpdir tmpdir;
  Expected<Result> result = run_gbench_entry(entry, false);
  REQUIRE_FALSE(result);
  CHECK(tmpdir.empty());
  CHECK(result.error().kind() == ErrorKind::kTarget);

  std::string message = result.error().message();
  std::string head = "entry \"tiny\": " + kBinary +
                     " crashed with signal 11 (Segmentation fault); last lines of its stderr:\n";
  CHECK(message.substr(0, head.size()) == head);
  CHECK_THAT(message, Catch::EndsWith("\ntiny_bench: crashing on purpose"));
}

TEST_CASE("a non-zero exit is a target error with the tail of stderr", "[runner]") {
  SuiteEntry entry = tiny_entry();
  entry.args = {"--fail"};
  Expected<Result> result = run_gbench_entry(entry, false);
  REQUIRE_FALSE(result);
  CHECK(result.error().kind() == ErrorKind::kTarget);
  CHECK(result.error().message() == "entry \"tiny\": " + kBinary +
                                        " exited with code 1; last lines of its stderr:\n"
                                        "tiny_bench: failing on purpose");
}

TEST_CASE("a binary that runs past its timeout is killed", "[runner]") {
  SuiteEntry entry = tiny_entry();
  entry.args = {"--hang"};
  entry.filter = "BM_Hang";
  entry.timeout_s = 0.3;
  PrivateTmpdir tmpdir;
  Clock::time_point start = Clock::now();
  Expected<Result> result = run_gbench_entry(entry, false);
  CHECK(seconds_since(start) < 3);
  REQUIRE_FALSE(result);
  CHECK(tmpdir.empty());
  CHECK(result.error().kind() == ErrorKind::kTarget);
  CHECK_THAT(result.error().message(),
             Catch::StartsWith("entry \"tiny\": " + kBinary + " timed out after 0.3 s"));
}

TEST_CASE("a missing binary is an input error that says to build it", "[runner]") {
  SuiteEntry entry = tiny_entry();
  entry.binary = "build/bench/perfgate_no_such_bench";
  Expected<Result> result = run_gbench_entry(entry, false);
  REQUIRE_FALSE(result);
  CHECK(result.error().kind() == ErrorKind::kInput);
  CHECK(result.error().message() ==
        "entry \"tiny\": binary build/bench/perfgate_no_such_bench does not exist (build it "
        "first)");
}

}  // namespace perfgate
