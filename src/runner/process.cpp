// Running a child process in its own process group, so that a timeout can
// kill everything it started, and keeping the tail of its standard error for
// the message when it fails.
#include "runner/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <utility>

namespace perfgate {
namespace {

constexpr std::size_t kTailBytes = 4096;

// While the child's standard error is open, how long to wait for output
// before checking whether the child is gone: a child that exits while its
// own children keep the pipe open is noticed this late at most.
constexpr int kOutputWaitMs = 100;

// Once standard error is closed, how often to check whether the child exited.
constexpr int kExitWaitMs = 5;

// After the child is gone, at most this much more is read from the pipe, so a
// descendant that keeps writing cannot hold us forever.
constexpr std::size_t kDrainBytes = 1 << 20;

// The process group of the child running now, 0 when none: what a signal
// sent to perfgate is passed on to.
std::atomic<pid_t> running_group{0};
volatile std::sig_atomic_t received_signal = 0;

// CI cancels a job with SIGTERM and a person with Ctrl-C. Passing the signal
// to the benchmark's whole group stops it too; perfgate then winds up, which
// removes its temporary files, and dies of the same signal (see
// finish_interruption). With no child running there is nothing to wind up.
extern "C" void pass_signal_on(int signal_number) {
  received_signal = signal_number;
  pid_t group = running_group.load();
  if (group > 0) {
    ::kill(-group, SIGKILL);
    return;
  }
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

// Marks the child as the one to pass signals on to while it lives.
class RunningGroup {
 public:
  explicit RunningGroup(pid_t group) { running_group.store(group); }
  ~RunningGroup() { running_group.store(0); }
  RunningGroup(const RunningGroup&) = delete;
  RunningGroup& operator=(const RunningGroup&) = delete;
};

// A file descriptor closed when it goes out of scope.
class UniqueFd {
 public:
  explicit UniqueFd(int fd = -1) : fd_(fd) {}
  ~UniqueFd() { reset(); }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }

  int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

Error cannot_run(const std::string& program, int error_number) {
  return Error("cannot run " + program + ": " + std::strerror(error_number), ErrorKind::kTarget);
}

// Where the program is, found before fork so that the child only has to call
// execv: the name itself when it holds a slash, else the first executable
// file of that name on PATH, as a shell looks it up.
Expected<std::string> find_program(const std::string& program) {
  if (program.empty()) return cannot_run("\"\"", ENOENT);
  if (program.find('/') != std::string::npos) return program;

  const char* path_variable = std::getenv("PATH");
  std::string_view folders =
      path_variable && *path_variable ? path_variable : "/usr/local/bin:/usr/bin:/bin";
  int error_number = ENOENT;
  while (true) {
    std::size_t colon = folders.find(':');
    std::string_view folder = folders.substr(0, colon);
    std::string candidate = std::string(folder.empty() ? "." : folder) + "/" + program;
    struct stat info {};
    if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode)) {
      if (::access(candidate.c_str(), X_OK) == 0) return candidate;
      error_number = EACCES;
    }
    if (colon == std::string_view::npos) break;
    folders.remove_prefix(colon + 1);
  }
  return cannot_run(program, error_number);
}

// Moves `fd` above 0, 1 and 2 when it landed there because perfgate's own
// standard streams were closed, so that setting up the child's streams
// cannot overwrite it.
int above_standard_streams(int fd) {
  if (fd < 0 || fd > STDERR_FILENO) return fd;
  int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
  ::close(fd);
  return moved;
}

int open_null(int flags) {
  return above_standard_streams(::open("/dev/null", flags | O_CLOEXEC));
}

// A pipe whose two ends close on exec; false when the system refuses one.
bool make_pipe(UniqueFd& read_end, UniqueFd& write_end) {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) return false;
  read_end = UniqueFd(above_standard_streams(ends[0]));
  write_end = UniqueFd(above_standard_streams(ends[1]));
  return read_end.get() >= 0 && write_end.get() >= 0;
}

// What the child needs, prepared before fork.
struct ChildSetup {
  const char* program;
  char* const* argv;
  int stdin_fd;
  int stdout_fd;
  int stderr_fd;
  int status_fd;  ///< receives errno when exec fails; closed by a good exec
  pid_t parent;
};

// Runs in the forked child: only async-signal-safe calls from here on.
[[noreturn]] void become_child(const ChildSetup& setup) {
  // Its own process group, so a timeout can kill what it starts too. That
  // also keeps the terminal's Ctrl-C from reaching it, so it is told to die
  // with perfgate instead (the check after prctl closes the race with a
  // parent that died first).
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != setup.parent) ::_exit(127);

  // Ignored signals and the blocked mask survive exec; a benchmark should
  // start as if from a shell.
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  for (int signal_number = 1; signal_number < NSIG; ++signal_number) {
    ::sigaction(signal_number, &default_action, nullptr);
  }
  sigset_t nothing;
  ::sigemptyset(&nothing);
  ::sigprocmask(SIG_SETMASK, &nothing, nullptr);

  if (::dup2(setup.stdin_fd, STDIN_FILENO) >= 0 && ::dup2(setup.stdout_fd, STDOUT_FILENO) >= 0 &&
      ::dup2(setup.stderr_fd, STDERR_FILENO) >= 0) {
    ::execv(setup.program, setup.argv);
  }

  int error_number = errno;
  ssize_t ignored = ::write(setup.status_fd, &error_number, sizeof error_number);
  (void)ignored;
  ::_exit(127);
}

// The errno with which exec failed, or 0 once it succeeded (the status
// pipe's write end closes on exec).
int exec_error(int status_fd) {
  int error_number = 0;
  ssize_t count = 0;
  do {
    count = ::read(status_fd, &error_number, sizeof error_number);
  } while (count < 0 && errno == EINTR);
  return count == static_cast<ssize_t>(sizeof error_number) ? error_number : 0;
}

// Waits for `pid`; with `block` false only collects it if it already exited.
// True once the child is reaped. A child that cannot be waited for (perfgate
// ignoring SIGCHLD reaps it behind our back) counts as exited with -1.
bool reap(pid_t pid, bool block, int& status) {
  while (true) {
    pid_t result = ::waitpid(pid, &status, block ? 0 : WNOHANG);
    if (result == pid) return true;
    if (result == 0) return false;
    if (errno == EINTR) continue;
    status = -1;
    return true;
  }
}

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return;
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

// Collects the child's standard error: keeps its last kTailBytes and, when
// asked, passes it through to ours.
class StderrTail {
 public:
  StderrTail(int fd, bool echo) : fd_(fd), echo_(echo) {}

  bool open() const { return open_; }

  // Reads one chunk; a closed or failed pipe is no longer watched.
  std::size_t read_chunk() {
    char buffer[16384];
    ssize_t count = ::read(fd_, buffer, sizeof buffer);
    if (count < 0 && (errno == EINTR || errno == EAGAIN)) return 0;
    if (count <= 0) {
      open_ = false;
      return 0;
    }

    std::string_view bytes(buffer, static_cast<std::size_t>(count));
    if (echo_) write_all(STDERR_FILENO, bytes);
    tail_.append(bytes);
    if (tail_.size() > kTailBytes) tail_.erase(0, tail_.size() - kTailBytes);
    return bytes.size();
  }

  // Waits up to `wait_ms` for output and reads it.
  void wait_and_read(int wait_ms) {
    pollfd watched{fd_, POLLIN, 0};
    int ready = ::poll(&watched, 1, wait_ms);
    if (ready > 0) read_chunk();
  }

  // Reads what is already in the pipe once the child is gone.
  void drain() {
    std::size_t drained = 0;
    while (open_ && drained < kDrainBytes) {
      pollfd watched{fd_, POLLIN, 0};
      if (::poll(&watched, 1, 0) <= 0) return;
      std::size_t count = read_chunk();
      drained += count;
      if (count == 0 && open_) return;
    }
  }

  std::string take() { return std::move(tail_); }

 private:
  int fd_;
  bool echo_;
  bool open_ = true;
  std::string tail_;
};

// How long to wait next: a slice, cut short by the deadline.
int next_wait_ms(int slice_ms, const std::optional<double>& timeout_s, double elapsed_s) {
  if (!timeout_s) return slice_ms;
  double remaining_ms = std::ceil((*timeout_s - elapsed_s) * 1000);
  return static_cast<int>(std::clamp(remaining_ms, 0.0, static_cast<double>(slice_ms)));
}

// Watches the started child until it exits or runs out of time, and reaps
// it in every case.
ProcessOutcome watch_child(pid_t pid, int stderr_fd, const ProcessOptions& options) {
  using Clock = std::chrono::steady_clock;
  Clock::time_point start = Clock::now();
  StderrTail tail(stderr_fd, options.echo_stderr);
  ProcessOutcome outcome;
  int status = 0;

  while (!reap(pid, false, status)) {
    double elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
    if (options.timeout_s && elapsed_s >= *options.timeout_s) {
      // The group takes its descendants too; the pid itself in case the
      // child moved to another group.
      ::kill(-pid, SIGKILL);
      ::kill(pid, SIGKILL);
      outcome.timed_out = true;
      reap(pid, true, status);
      break;
    }

    if (tail.open()) {
      tail.wait_and_read(next_wait_ms(kOutputWaitMs, options.timeout_s, elapsed_s));
    } else {
      ::poll(nullptr, 0, next_wait_ms(kExitWaitMs, options.timeout_s, elapsed_s));
    }
  }

  tail.drain();
  outcome.stderr_tail = tail.take();
  if (status == -1) {
    outcome.exit_code = -1;
  } else if (WIFSIGNALED(status)) {
    outcome.signal = WTERMSIG(status);
  } else {
    outcome.exit_code = WEXITSTATUS(status);
  }
  return outcome;
}

}  // namespace

Expected<ProcessOutcome> run_process(const std::vector<std::string>& argv,
                                     const ProcessOptions& options) {
  if (argv.empty()) return Error("cannot run an empty command");
  Expected<std::string> program = find_program(argv[0]);
  if (!program) return program.error();

  std::vector<char*> arguments;
  for (const std::string& argument : argv) arguments.push_back(const_cast<char*>(argument.c_str()));
  arguments.push_back(nullptr);

  UniqueFd null_input(open_null(O_RDONLY));
  UniqueFd null_output(open_null(O_WRONLY));
  UniqueFd stderr_read, stderr_write, status_read, status_write;
  if (null_input.get() < 0 || null_output.get() < 0 || !make_pipe(stderr_read, stderr_write) ||
      !make_pipe(status_read, status_write)) {
    return cannot_run(argv[0], errno);
  }

  // The child's fd 2 is still ours when its stdout is set up, so duplicating
  // STDERR_FILENO onto its stdout reaches our stderr.
  int child_stdout = options.stdout_to_stderr ? STDERR_FILENO : null_output.get();
  ChildSetup setup{program->c_str(),   arguments.data(),   null_input.get(), child_stdout,
                   stderr_write.get(), status_write.get(), ::getpid()};
  pid_t pid = ::fork();
  if (pid < 0) return cannot_run(argv[0], errno);
  if (pid == 0) become_child(setup);
  RunningGroup passing_signals_to(pid);

  // Only the child may hold the write ends, or the pipes never report end
  // of file.
  stderr_write.reset();
  status_write.reset();
  null_input.reset();
  null_output.reset();

  int exec_failure = exec_error(status_read.get());
  if (exec_failure != 0) {
    int status = 0;
    reap(pid, true, status);
    return cannot_run(argv[0], exec_failure);
  }
  ProcessOutcome outcome = watch_child(pid, stderr_read.get(), options);
  if (received_signal != 0) {
    return Error("interrupted by signal " + std::to_string(received_signal) + " (" +
                     ::strsignal(received_signal) + "); the benchmark was stopped",
                 ErrorKind::kTarget);
  }
  return outcome;
}

void pass_interruptions_to_children() {
  struct sigaction action {};
  action.sa_handler = pass_signal_on;
  sigemptyset(&action.sa_mask);
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(signal_number, &action, nullptr);
}

void finish_interruption() {
  int signal_number = received_signal;
  if (signal_number == 0) return;
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

}  // namespace perfgate
