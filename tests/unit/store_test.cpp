// Tests of the store stage: git metadata read from real repositories made
// here with the git command line, the machine fingerprint, and the directory
// store on a real temporary folder.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "base/atomic_file.h"
#include "temp_folder.h"
#include "ingest/load_input.h"
#include "store/directory_store.h"
#include "store/git_info.h"
#include "store/machine.h"

namespace perfgate {
namespace {

namespace fs = std::filesystem;

std::string quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

/// Makes every git command of the tests independent of the user's
/// configuration and of any repository above the temporary directory.
void isolate_git() {
  static bool done = [] {
    for (const char* name : {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR",
                             "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES"}) {
      ::unsetenv(name);
    }
    ::setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
    ::setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
    ::setenv("GIT_AUTHOR_NAME", "Ada Tester", 1);
    ::setenv("GIT_AUTHOR_EMAIL", "ada@example.com", 1);
    ::setenv("GIT_COMMITTER_NAME", "Ada Tester", 1);
    ::setenv("GIT_COMMITTER_EMAIL", "ada@example.com", 1);
    ::setenv("GIT_CEILING_DIRECTORIES", fs::temp_directory_path().c_str(), 1);
    return true;
  }();
  (void)done;
}

/// Runs a shell command that must succeed.
void run(const std::string& command) {
  isolate_git();
  INFO(command);
  REQUIRE(std::system((command + " >/dev/null 2>&1").c_str()) == 0);
}

/// Runs a shell command and returns its standard output without the final
/// newline.
std::string output_of(const std::string& command) {
  isolate_git();
  std::string text;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) text += buffer;
  REQUIRE(::pclose(pipe) == 0);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

std::string git(const std::string& repository, const std::string& arguments) {
  return "git -C " + quote(repository) + " " + arguments;
}

std::string rev_parse(const std::string& repository, const std::string& revision) {
  return output_of(git(repository, "rev-parse " + quote(revision)));
}

/// Commits everything staged (or nothing) with both dates at `time_s`.
void commit(const std::string& repository, const std::string& message, long time_s) {
  std::string date = quote(std::to_string(time_s) + " +0000");
  run("GIT_AUTHOR_DATE=" + date + " GIT_COMMITTER_DATE=" + date + " " +
      git(repository, "commit -q --allow-empty -m " + quote(message)));
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// A repository on branch main with two commits, the second touching a.txt.
std::string make_repository(const TempFolder& temp, const std::string& name = "origin") {
  std::string repository = temp.file(name);
  run("git init -q -b main " + quote(repository));
  write_text(repository + "/a.txt", "one\n");
  run(git(repository, "add a.txt"));
  commit(repository, "First commit", 1700000000);
  write_text(repository + "/a.txt", "two\n");
  run(git(repository, "add a.txt"));
  commit(repository, "Second commit", 1700000100);
  return repository;
}

GitInfo read_info(const std::string& directory, std::vector<std::string>& warnings,
                  const EnvironmentVariables& github = {}) {
  isolate_git();
  return read_git_info(directory, github, warnings);
}

TEST_CASE("read_git_info in a normal clone on a branch", "[git]") {
  TempFolder temp;
  std::string origin = make_repository(temp);
  std::string clone = temp.file("clone");
  run("git clone -q " + quote("file://" + origin) + " " + quote(clone));

  std::vector<std::string> warnings;
  GitInfo info = read_info(clone, warnings);

  REQUIRE(info.commit.has_value());
  CHECK(*info.commit == rev_parse(clone, "HEAD"));
  CHECK(info.branch == "main");
  CHECK(info.subject == "Second commit");
  CHECK(info.commit_time_s == 1700000100);
  CHECK_FALSE(info.dirty);
  CHECK_FALSE(info.shallow);
  CHECK(info.source == "libgit2");
  CHECK(info.merge_parents.empty());
  CHECK(warnings.empty());
}

TEST_CASE("read_git_info searches upward from a subfolder", "[git]") {
  TempFolder temp;
  std::string repository = make_repository(temp);
  fs::create_directories(repository + "/src/deeper");

  std::vector<std::string> warnings;
  GitInfo info = read_info(repository + "/src/deeper", warnings);

  CHECK(info.commit == rev_parse(repository, "HEAD"));
  CHECK(info.branch == "main");
  CHECK(warnings.empty());
}

TEST_CASE("read_git_info takes the subject from a message with a body", "[git]") {
  TempFolder temp;
  std::string repository = make_repository(temp);
  run("GIT_AUTHOR_DATE='1700000200 +0000' GIT_COMMITTER_DATE='1700000200 +0000' " +
      git(repository, "commit -q --allow-empty -m 'Speed up the parser' -m 'Details.'"));

  std::vector<std::string> warnings;
  GitInfo info = read_info(repository, warnings);

  CHECK(info.subject == output_of(git(repository, "log -1 --format=%s")));
  CHECK(info.subject == "Speed up the parser");
  CHECK(info.commit_time_s == 1700000200);
}

TEST_CASE("read_git_info sets dirty only for changes to tracked files", "[git]") {
  TempFolder temp;
  std::string repository = make_repository(temp);
  std::vector<std::string> warnings;

  SECTION("a clean work tree") { CHECK_FALSE(read_info(repository, warnings).dirty); }

  SECTION("a modified tracked file") {
    write_text(repository + "/a.txt", "changed\n");
    CHECK(read_info(repository, warnings).dirty);
  }

  SECTION("a staged new file") {
    write_text(repository + "/b.txt", "new\n");
    run(git(repository, "add b.txt"));
    CHECK(read_info(repository, warnings).dirty);
  }

  SECTION("only an untracked file") {
    write_text(repository + "/untracked.txt", "scratch\n");
    CHECK_FALSE(read_info(repository, warnings).dirty);
  }

  CHECK(warnings.empty());
}

TEST_CASE("read_git_info on a detached HEAD has no branch", "[git]") {
  TempFolder temp;
  std::string repository = make_repository(temp);
  std::string first = rev_parse(repository, "HEAD~1");
  run(git(repository, "checkout -q --detach HEAD~1"));

  std::vector<std::string> warnings;
  GitInfo info = read_info(repository, warnings);

  CHECK(info.commit == first);
  CHECK(info.branch.empty());
  CHECK(info.subject == "First commit");
  CHECK(info.commit_time_s == 1700000000);
  CHECK(info.source == "libgit2");
  CHECK(warnings.empty());
}

TEST_CASE("read_git_info in a shallow clone", "[git]") {
  TempFolder temp;
  std::string origin = make_repository(temp);
  std::string shallow = temp.file("shallow");
  run("git clone -q --depth 1 " + quote("file://" + origin) + " " + quote(shallow));

  std::vector<std::string> warnings;
  GitInfo info = read_info(shallow, warnings);

  CHECK(info.shallow);
  CHECK(info.commit == rev_parse(origin, "main"));
  CHECK(info.subject == "Second commit");
  CHECK(info.branch == "main");
  CHECK_FALSE(info.dirty);
  CHECK(warnings.empty());
}

TEST_CASE("read_git_info in a linked worktree", "[git]") {
  TempFolder temp;
  std::string repository = make_repository(temp);
  std::string worktree = temp.file("worktree");
  run(git(repository, "worktree add -q -b side " + quote(worktree) + " HEAD~1"));

  std::vector<std::string> warnings;
  GitInfo info = read_info(worktree, warnings);

  CHECK(info.commit == rev_parse(repository, "HEAD~1"));
  CHECK(info.branch == "side");
  CHECK(info.subject == "First commit");
  CHECK_FALSE(info.dirty);

  // Each work tree has its own HEAD and its own changes.
  write_text(worktree + "/a.txt", "edited in the worktree\n");
  CHECK(read_info(worktree, warnings).dirty);
  GitInfo main_info = read_info(repository, warnings);
  CHECK(main_info.commit == rev_parse(repository, "main"));
  CHECK(main_info.branch == "main");
  CHECK_FALSE(main_info.dirty);
  CHECK(warnings.empty());
}

TEST_CASE("read_git_info in a repository without commits", "[git]") {
  TempFolder temp;
  std::string repository = temp.file("unborn");
  run("git init -q -b main " + quote(repository));

  std::vector<std::string> warnings;
  GitInfo info = read_info(repository, warnings);

  CHECK_FALSE(info.commit.has_value());
  CHECK_FALSE(info.commit_time_s.has_value());
  CHECK(info.source == "none");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] == "the git repository at " + fs::canonical(repository).string() +
                           " has no commits yet: results are recorded without a commit");
}

TEST_CASE("read_git_info outside any repository", "[git]") {
  TempFolder temp;
  std::string plain = temp.file("plain");
  fs::create_directories(plain);
  INFO("the temporary directory must not be inside a git repository");
  REQUIRE(std::system(("git -C " + quote(plain) + " rev-parse 2>/dev/null").c_str()) != 0);

  std::string missing = temp.file("does-not-exist");
  std::string directory = GENERATE_COPY(plain, missing);
  std::vector<std::string> warnings;
  GitInfo info = read_info(directory, warnings);

  CHECK_FALSE(info.commit.has_value());
  CHECK(info.branch.empty());
  CHECK(info.source == "none");
  CHECK_FALSE(info.dirty);
  CHECK(warnings ==
        std::vector<std::string>{"not in a git repository: results are recorded without a "
                                 "commit"});
}

/// A repository whose HEAD is detached at a merge of branch feature into
/// main, as GitHub checks out refs/pull/N/merge; the branch pr-merge marks it.
std::string make_pull_request_merge(const TempFolder& temp) {
  std::string repository = make_repository(temp);
  run(git(repository, "checkout -q -b feature HEAD~1"));
  write_text(repository + "/feature.txt", "feature\n");
  run(git(repository, "add feature.txt"));
  commit(repository, "Add the feature", 1700000200);
  run(git(repository, "checkout -q --detach main"));
  run("GIT_AUTHOR_DATE='1700000300 +0000' GIT_COMMITTER_DATE='1700000300 +0000' " +
      git(repository, "merge -q --no-ff -m 'Merge feature into main' feature"));
  run(git(repository, "branch pr-merge HEAD"));
  return repository;
}

TEST_CASE("read_git_info on GitHub Actions for a pull request", "[git][github]") {
  TempFolder temp;
  std::string repository = make_pull_request_merge(temp);
  std::string merge = rev_parse(repository, "HEAD");
  std::vector<std::string> parents = {rev_parse(repository, "HEAD^1"),
                                      rev_parse(repository, "HEAD^2")};
  REQUIRE(parents[0] == rev_parse(repository, "main"));
  REQUIRE(parents[1] == rev_parse(repository, "feature"));

  EnvironmentVariables github = {{"GITHUB_ACTIONS", "true"},
                                 {"GITHUB_SHA", merge},
                                 {"GITHUB_HEAD_REF", "feature"},
                                 {"GITHUB_REF_NAME", "7/merge"}};

  SECTION("GITHUB_SHA is HEAD") {
    std::vector<std::string> warnings;
    GitInfo info = read_info(repository, warnings, github);

    CHECK(info.commit == merge);
    CHECK(info.source == "github");
    CHECK(info.branch == "feature");
    CHECK(info.merge_parents == parents);
    CHECK(info.subject == "Merge feature into main");
    CHECK(info.commit_time_s == 1700000300);
    CHECK(warnings.empty());
  }

  SECTION("GITHUB_SHA differs from HEAD") {
    std::string other = rev_parse(repository, "feature");
    github["GITHUB_SHA"] = other;
    std::vector<std::string> warnings;
    GitInfo info = read_info(repository, warnings, github);

    CHECK(info.commit == merge);
    REQUIRE(warnings.size() == 1);
    CHECK_THAT(warnings[0], Catch::Contains(other) && Catch::Contains(merge));
  }

  SECTION("a shallow checkout of the merge still knows both parents") {
    std::string shallow = temp.file("shallow");
    run("git clone -q --depth 1 --branch pr-merge " + quote("file://" + repository) + " " +
        quote(shallow));
    std::vector<std::string> warnings;
    GitInfo info = read_info(shallow, warnings, github);

    CHECK(info.shallow);
    CHECK(info.commit == merge);
    CHECK(info.merge_parents == parents);
    CHECK(warnings.empty());
  }

  SECTION("without GITHUB_ACTIONS the variables are ignored") {
    github.erase("GITHUB_ACTIONS");
    std::vector<std::string> warnings;
    GitInfo info = read_info(repository, warnings, github);

    CHECK(info.source == "libgit2");
    CHECK(info.branch.empty());
    CHECK(info.merge_parents.empty());
  }
}

TEST_CASE("read_git_info on GitHub Actions for a push", "[git][github]") {
  TempFolder temp;
  std::string repository = make_repository(temp);
  std::string head = rev_parse(repository, "HEAD");
  EnvironmentVariables github = {{"GITHUB_ACTIONS", "true"},
                                 {"GITHUB_SHA", head},
                                 {"GITHUB_HEAD_REF", ""},
                                 {"GITHUB_REF_NAME", "release"}};

  std::vector<std::string> warnings;
  GitInfo info = read_info(repository, warnings, github);

  CHECK(info.commit == head);
  CHECK(info.source == "github");
  CHECK(info.branch == "release");
  CHECK(info.merge_parents.empty());
  CHECK(warnings.empty());
}

TEST_CASE("resolve_revision names commits in many ways", "[git]") {
  TempFolder temp;
  std::string repository = make_repository(temp);
  std::string head = rev_parse(repository, "HEAD");
  std::string first = rev_parse(repository, "HEAD~1");
  run(git(repository, "tag v1 HEAD~1"));
  run("GIT_COMMITTER_DATE='1700000500 +0000' " +
      git(repository, "tag -a v2 -m 'Version 2' HEAD"));
  REQUIRE(rev_parse(repository, "v2") != head);  // the tag object, not the commit

  CHECK(*resolve_revision(repository, head) == head);
  CHECK(*resolve_revision(repository, head.substr(0, 7)) == head);
  CHECK(*resolve_revision(repository, "main") == head);
  CHECK(*resolve_revision(repository, "HEAD~1") == first);
  CHECK(*resolve_revision(repository, "v1") == first);
  CHECK(*resolve_revision(repository, "v2") == head);
  CHECK(*resolve_revision(repository + "/", "HEAD") == head);
}

TEST_CASE("resolve_revision says what is wrong", "[git]") {
  TempFolder temp;
  std::string repository = make_repository(temp);
  std::string location = fs::canonical(repository).string();

  Expected<std::string> unknown = resolve_revision(repository, "abc");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().message() ==
        "unknown revision 'abc': not a commit, branch or tag in " + location);
  CHECK(unknown.error().kind() == ErrorKind::kInput);

  Expected<std::string> too_far = resolve_revision(repository, "HEAD~5");
  REQUIRE_FALSE(too_far);
  CHECK(too_far.error().message() ==
        "unknown revision 'HEAD~5': not a commit, branch or tag in " + location);

  std::string tree = rev_parse(repository, "HEAD^{tree}");
  Expected<std::string> not_commit = resolve_revision(repository, tree);
  REQUIRE_FALSE(not_commit);
  CHECK(not_commit.error().message() ==
        "revision '" + tree + "' in " + location + " is a tree, not a commit");

  Expected<std::string> short_parent = resolve_revision(repository, "abc~1");
  REQUIRE_FALSE(short_parent);
  CHECK(short_parent.error().message() ==
        "unknown revision 'abc~1': not a commit, branch or tag in " + location);

  std::string plain = temp.file("plain");
  fs::create_directories(plain);
  Expected<std::string> outside = resolve_revision(plain, "main");
  REQUIRE_FALSE(outside);
  CHECK(outside.error().message() ==
        "'main' is not a file, and " + plain + " is not in a git repository");
}

TEST_CASE("resolve_revision refuses a prefix shared by two objects", "[git]") {
  TempFolder temp;
  std::string repository = make_repository(temp);
  std::string location = fs::canonical(repository).string();
  // These two contents were found by trying: their blob ids share 4 digits.
  std::string one = output_of("printf 'blob 96\\n' | " + git(repository, "hash-object -w --stdin"));
  std::string two =
      output_of("printf 'blob 262\\n' | " + git(repository, "hash-object -w --stdin"));
  std::string prefix = one.substr(0, 4);
  REQUIRE(two.substr(0, 4) == prefix);
  REQUIRE(one.substr(0, 5) != two.substr(0, 5));

  Expected<std::string> ambiguous = resolve_revision(repository, prefix);
  REQUIRE_FALSE(ambiguous);
  CHECK(ambiguous.error().message() == "ambiguous revision '" + prefix + "': several objects in " +
                                           location + " start with it; give more hex digits");

  Expected<std::string> blob = resolve_revision(repository, one.substr(0, 5));
  REQUIRE_FALSE(blob);
  CHECK(blob.error().message() == "revision '" + one.substr(0, 5) + "' in " + location +
                                      " is a blob, not a commit");
}

TEST_CASE("resolve_revision in a repository without commits", "[git]") {
  TempFolder temp;
  std::string repository = temp.file("unborn");
  run("git init -q -b main " + quote(repository));

  Expected<std::string> head = resolve_revision(repository, "HEAD");
  REQUIRE_FALSE(head);
  CHECK(head.error().message() == "unknown revision 'HEAD': not a commit, branch or tag in " +
                                      fs::canonical(repository).string());
}

TEST_CASE("describe_this_machine reads this machine", "[machine]") {
  Environment environment = describe_this_machine();

  CHECK(environment.host == output_of("uname -n"));
  CHECK(environment.os == output_of("uname -s") + " " + output_of("uname -r"));
  CHECK(environment.cores == std::stoi(output_of("getconf _NPROCESSORS_ONLN")));
  CHECK(environment.cpu_model ==
        output_of("sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -1"));
#if defined(__clang__)
  CHECK_THAT(environment.compiler,
             Catch::StartsWith("clang++ " + std::to_string(__clang_major__)));
#elif defined(__GNUC__)
  CHECK(environment.compiler == "g++ " + std::to_string(__GNUC__) + "." +
                                    std::to_string(__GNUC_MINOR__) + "." +
                                    std::to_string(__GNUC_PATCHLEVEL__));
#endif
}

// ---- the directory store ----

const std::string kCommitA = "1111111111111111111111111111111111111111";
const std::string kCommitB = "abcd1234abcd1234abcd1234abcd1234abcd1234";
const std::string kCommitC = "abcd9999abcd9999abcd9999abcd9999abcd9999";

/// A Result with every kind of field set, measured at `start_time`.
Result make_result(const std::string& suite, std::optional<std::string> commit,
                   const std::string& start_time, double sample = 10.0) {
  Result result;
  result.tool_version = "0.1.0";
  result.suite = suite;
  result.git.commit = std::move(commit);
  result.git.branch = "main";
  result.git.dirty = true;
  result.git.commit_time_s = 1700000100;
  result.git.subject = "Second commit";
  result.git.source = "github";
  result.git.merge_parents = {kCommitB, kCommitC};
  result.git.shallow = true;
  result.environment.host = "bench-1";
  result.environment.cpu_model = "Test CPU @ 3.00GHz";
  result.environment.cores = 8;
  result.environment.os = "Linux 6.1.0";
  result.environment.compiler = "g++ 12.2.0";
  result.start_time = start_time;
  result.end_time = start_time;
  result.caveats = {"the work tree is dirty"};

  Benchmark benchmark;
  benchmark.name = "BM_Parse/64";
  benchmark.kind = "gbench";
  benchmark.entry = "parsers";
  Metric metric;
  metric.name = "real_time";
  metric.unit = "ns";
  metric.samples = {sample, sample + 2.0, sample + 4.0};
  benchmark.metrics.push_back(metric);
  result.benchmarks.push_back(benchmark);
  summarize(result);
  return result;
}

double first_sample(const Result& result) {
  REQUIRE(result.benchmarks.size() == 1);
  REQUIRE(result.benchmarks[0].metrics.size() == 1);
  REQUIRE_FALSE(result.benchmarks[0].metrics[0].samples.empty());
  return result.benchmarks[0].metrics[0].samples[0];
}

std::vector<std::string> files_in(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST_CASE("DirectoryStore saves a result and loads it back", "[store]") {
  TempFolder temp;
  DirectoryStore store(temp.file("results"));
  Result saved = make_result("core", kCommitA, "2024-05-01T12:34:56Z");

  Expected<std::string> path = store.save(saved);
  REQUIRE(path);
  CHECK(fs::path(*path).parent_path() == fs::path(temp.file("results")) / kCommitA);
  CHECK(std::regex_match(fs::path(*path).filename().string(),
                         std::regex("core-20240501T123456Z-[0-9a-f]{16}\\.json")));
  CHECK(files_in(temp.file("results/" + kCommitA)).size() == 1);

  Expected<Result> loaded = store.load_latest(kCommitA, "core");
  REQUIRE(loaded);
  CHECK(loaded->schema == "perfgate/result/v1");
  CHECK(loaded->tool_version == "0.1.0");
  CHECK(loaded->suite == "core");
  CHECK(loaded->git.commit == kCommitA);
  CHECK(loaded->git.branch == "main");
  CHECK(loaded->git.dirty);
  CHECK(loaded->git.commit_time_s == 1700000100);
  CHECK(loaded->git.subject == "Second commit");
  CHECK(loaded->git.source == "github");
  CHECK(loaded->git.merge_parents == std::vector<std::string>{kCommitB, kCommitC});
  CHECK(loaded->git.shallow);
  CHECK(loaded->environment.host == "bench-1");
  CHECK(loaded->environment.cpu_model == "Test CPU @ 3.00GHz");
  CHECK(loaded->environment.cores == 8);
  CHECK(loaded->environment.os == "Linux 6.1.0");
  CHECK(loaded->environment.compiler == "g++ 12.2.0");
  CHECK(loaded->start_time == "2024-05-01T12:34:56Z");
  CHECK(loaded->end_time == "2024-05-01T12:34:56Z");
  CHECK(loaded->caveats == std::vector<std::string>{"the work tree is dirty"});
  REQUIRE(loaded->benchmarks.size() == 1);
  const Benchmark& benchmark = loaded->benchmarks[0];
  CHECK(benchmark.name == "BM_Parse/64");
  CHECK(benchmark.kind == "gbench");
  CHECK(benchmark.entry == "parsers");
  REQUIRE(benchmark.metrics.size() == 1);
  CHECK(benchmark.metrics[0].name == "real_time");
  CHECK(benchmark.metrics[0].unit == "ns");
  CHECK(benchmark.metrics[0].samples == std::vector<double>{10.0, 12.0, 14.0});
  CHECK(benchmark.metrics[0].summary.mean == 12.0);
  CHECK(benchmark.metrics[0].summary.median == 12.0);
  CHECK(benchmark.metrics[0].summary.count == 3);

  CHECK(store.commits() == std::vector<std::string>{kCommitA});
}

TEST_CASE("DirectoryStore files a result without a commit under no-commit", "[store]") {
  TempFolder temp;
  DirectoryStore store(temp.file("results"));

  Expected<std::string> path =
      store.save(make_result("core", std::nullopt, "2024-05-01T00:00:00Z"));

  REQUIRE(path);
  CHECK(fs::path(*path).parent_path() == fs::path(temp.file("results/no-commit")));
  CHECK(store.commits().empty());
}

TEST_CASE("DirectoryStore refuses a commit that is not a hex id", "[store]") {
  TempFolder temp;
  DirectoryStore store(temp.file("results"));

  Expected<std::string> path = store.save(make_result("core", "../escape", "2024-05-01T00:00:00Z"));

  REQUIRE_FALSE(path);
  CHECK(path.error().message() == "cannot save the result in " + (temp.file("results")) +
                                      ": its commit '../escape' is not a hex commit id");
  CHECK_FALSE(fs::exists(temp.file("results")));
  CHECK_FALSE(fs::exists(temp.file("escape")));
}

TEST_CASE("DirectoryStore keeps a suite name from leaving its folder", "[store]") {
  TempFolder temp;
  DirectoryStore store(temp.file("results"));

  Expected<std::string> path = store.save(make_result("../a b", kCommitA, "2024-05-01T00:00:00Z"));

  REQUIRE(path);
  CHECK(fs::path(*path).parent_path() == fs::path(temp.file("results")) / kCommitA);
  CHECK_THAT(fs::path(*path).filename().string(), Catch::StartsWith(".._a_b-20240501T000000Z-"));
  Expected<Result> loaded = store.load_latest(kCommitA, "../a b");
  REQUIRE(loaded);
  CHECK(loaded->suite == "../a b");
}

TEST_CASE("DirectoryStore loads the result that started last", "[store]") {
  TempFolder temp;
  DirectoryStore store(temp.file("results"));

  SECTION("whatever the order of saving") {
    REQUIRE(store.save(make_result("core", kCommitA, "2024-05-02T00:00:00Z", 20.0)));
    REQUIRE(store.save(make_result("core", kCommitA, "2024-05-01T00:00:00Z", 10.0)));
    CHECK(first_sample(*store.load_latest(kCommitA, "")) == 20.0);
  }

  SECTION("with fractions of a second") {
    REQUIRE(store.save(make_result("core", kCommitA, "2024-05-01T00:00:00.500Z", 20.0)));
    REQUIRE(store.save(make_result("core", kCommitA, "2024-05-01T00:00:00Z", 10.0)));
    CHECK(first_sample(*store.load_latest(kCommitA, "")) == 20.0);
  }

  SECTION("with offsets from UTC") {
    // 01:00 at +02:00 is 23:00 UTC the day before, earlier than 23:30 UTC.
    REQUIRE(store.save(make_result("core", kCommitA, "2024-01-01T01:00:00+02:00", 10.0)));
    REQUIRE(store.save(make_result("core", kCommitA, "2023-12-31T23:30:00Z", 20.0)));
    CHECK(first_sample(*store.load_latest(kCommitA, "")) == 20.0);
  }

  SECTION("by file name when the start times are equal") {
    Expected<std::string> one = store.save(make_result("core", kCommitA, "2024-05-01T00:00:00Z",
                                                       10.0));
    Expected<std::string> two = store.save(make_result("core", kCommitA, "2024-05-01T00:00:00Z",
                                                       20.0));
    REQUIRE(one);
    REQUIRE(two);
    double expected = fs::path(*one).filename() > fs::path(*two).filename() ? 10.0 : 20.0;
    CHECK(first_sample(*store.load_latest(kCommitA, "")) == expected);
  }

  SECTION("of the suite asked for") {
    REQUIRE(store.save(make_result("core", kCommitA, "2024-05-01T00:00:00Z", 10.0)));
    REQUIRE(store.save(make_result("io", kCommitA, "2024-05-03T00:00:00Z", 30.0)));
    CHECK(first_sample(*store.load_latest(kCommitA, "core")) == 10.0);
    CHECK(first_sample(*store.load_latest(kCommitA, "io")) == 30.0);
    CHECK(first_sample(*store.load_latest(kCommitA, "")) == 30.0);

    Expected<Result> missing = store.load_latest(kCommitA, "net");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message() ==
          "no stored result of suite 'net' for commit " + kCommitA + " in " +
              (temp.file("results")) +
              " (it has core, io): run `perfgate run --save` on that commit first");
  }
}

TEST_CASE("DirectoryStore finds a commit by a prefix of its id", "[store]") {
  TempFolder temp;
  DirectoryStore store(temp.file("results"));
  REQUIRE(store.save(make_result("core", kCommitA, "2024-05-01T00:00:00Z", 10.0)));
  REQUIRE(store.save(make_result("core", kCommitB, "2024-05-01T00:00:00Z", 20.0)));
  REQUIRE(store.save(make_result("core", kCommitC, "2024-05-01T00:00:00Z", 30.0)));

  CHECK(first_sample(*store.load_latest("1111", "")) == 10.0);
  CHECK(first_sample(*store.load_latest("abcd1234a", "")) == 20.0);
  CHECK(first_sample(*store.load_latest("ABCD9", "")) == 30.0);
  CHECK(first_sample(*store.load_latest(kCommitC, "")) == 30.0);

  Expected<Result> ambiguous = store.load_latest("abcd", "");
  REQUIRE_FALSE(ambiguous);
  CHECK(ambiguous.error().message() == "commit prefix abcd is ambiguous in " +
                                           (temp.file("results")) + ": it matches " + kCommitB +
                                           ", " + kCommitC + "; give more digits");

  Expected<Result> missing = store.load_latest("abc1234", "");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message() == "no stored result for commit abc1234 in " +
                                         (temp.file("results")) +
                                         ": run `perfgate run --save` on that commit first");

  Expected<Result> too_short = store.load_latest("abc", "");
  REQUIRE_FALSE(too_short);
  CHECK(too_short.error().message() ==
        "'abc' is not a commit id: give 4 or more of its hex digits");

  Expected<Result> not_hex = store.load_latest("main", "");
  REQUIRE_FALSE(not_hex);
  CHECK(not_hex.error().message() ==
        "'main' is not a commit id: give 4 or more of its hex digits");
}

TEST_CASE("DirectoryStore with a missing root has nothing stored", "[store]") {
  TempFolder temp;
  DirectoryStore store(temp.file("never-made"));

  CHECK(store.commits().empty());
  Expected<Result> missing = store.load_latest(kCommitA, "");
  REQUIRE_FALSE(missing);
  CHECK_THAT(missing.error().message(), Catch::StartsWith("no stored result for commit "));
}

TEST_CASE("DirectoryStore lists only hex folders holding results", "[store]") {
  TempFolder temp;
  std::string root = temp.file("results");
  DirectoryStore store(root);
  REQUIRE(store.save(make_result("core", kCommitB, "2024-05-01T00:00:00Z")));
  REQUIRE(store.save(make_result("core", kCommitA, "2024-05-01T00:00:00Z")));
  REQUIRE(store.save(make_result("core", std::nullopt, "2024-05-01T00:00:00Z")));
  fs::create_directories(root + "/" + kCommitC);
  fs::create_directories(root + "/2222222222222222222222222222222222222222");
  write_text(root + "/2222222222222222222222222222222222222222/notes.txt", "not a result\n");
  fs::create_directories(root + "/notes");
  write_text(root + "/notes/x.json", "{}\n");

  CHECK(store.commits() == std::vector<std::string>{kCommitA, kCommitB});
}

TEST_CASE("DirectoryStore names a corrupt file and leaves the others readable", "[store]") {
  TempFolder temp;
  std::string root = temp.file("results");
  DirectoryStore store(root);
  Expected<std::string> good_a = store.save(make_result("core", kCommitA, "2024-05-01T00:00:00Z"));
  Expected<std::string> good_b = store.save(make_result("core", kCommitA, "2024-05-02T00:00:00Z"));
  REQUIRE(store.save(make_result("core", kCommitB, "2024-05-01T00:00:00Z", 20.0)));
  REQUIRE(good_a);
  REQUIRE(good_b);
  std::string corrupt = root + "/" + kCommitA + "/core-20240503T000000Z-0000000000000000.json";
  write_text(corrupt, "{\"schema\": \"perfgate/result/v1\", \"suite\": ");
  std::string before_a = *read_file(*good_a);

  Expected<Result> loaded = store.load_latest(kCommitA, "core");
  REQUIRE_FALSE(loaded);
  CHECK_THAT(loaded.error().message(),
             Catch::StartsWith("reading the result store " + root + ": ") &&
                 Catch::Contains(corrupt) &&
                 Catch::EndsWith("; move that file out of the store to use the others"));
  CHECK(loaded.error().kind() == ErrorKind::kInput);

  // Nothing stored was touched: the good files read as before, the other
  // commit loads, and without the damaged file its commit loads again.
  CHECK(*read_file(*good_a) == before_a);
  CHECK(load_results_file(*good_b));
  CHECK(first_sample(*store.load_latest(kCommitB, "core")) == 20.0);
  fs::remove(corrupt);
  Expected<Result> recovered = store.load_latest(kCommitA, "core");
  REQUIRE(recovered);
  CHECK(recovered->start_time == "2024-05-02T00:00:00Z");
}

TEST_CASE("DirectoryStore keeps every result saved by threads at once", "[store]") {
  TempFolder temp;
  DirectoryStore store(temp.file("results"));
  Result result = make_result("core", kCommitA, "2024-05-01T00:00:00Z");
  constexpr int kThreads = 8;
  constexpr int kSavesPerThread = 5;

  std::vector<std::thread> threads;
  std::vector<int> failures(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kSavesPerThread; ++i) {
        if (!store.save(result)) ++failures[static_cast<std::size_t>(t)];
      }
    });
  }
  for (auto& thread : threads) thread.join();

  CHECK(failures == std::vector<int>(kThreads, 0));
  std::vector<std::string> names = files_in(temp.file("results/" + kCommitA));
  CHECK(names.size() == kThreads * kSavesPerThread);
  for (const auto& name : names) {
    CHECK(load_results_file(temp.file("results/" + kCommitA + "/" + name)));
  }
}

TEST_CASE("DirectoryStore keeps the results of two processes saving at once", "[store]") {
  TempFolder temp;
  DirectoryStore store(temp.file("results"));
  constexpr int kSavesPerProcess = 20;

  std::vector<pid_t> children;
  for (double sample : {10.0, 20.0}) {
    pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      Result result = make_result("core", kCommitA, "2024-05-01T00:00:00Z", sample);
      bool all_saved = true;
      for (int i = 0; i < kSavesPerProcess; ++i) all_saved = store.save(result) && all_saved;
      ::_exit(all_saved ? 0 : 1);
    }
    children.push_back(child);
  }
  for (pid_t child : children) {
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }

  std::vector<std::string> names = files_in(temp.file("results/" + kCommitA));
  CHECK(names.size() == 2 * kSavesPerProcess);
  int tens = 0;
  for (const auto& name : names) {
    Expected<Result> loaded = load_results_file(temp.file("results/" + kCommitA + "/" + name));
    REQUIRE(loaded);
    if (first_sample(*loaded) == 10.0) ++tens;
  }
  CHECK(tens == kSavesPerProcess);
}

}  // namespace
}  // namespace perfgate
