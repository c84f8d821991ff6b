#include "store/git_info.h"

#include <git2.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace perfgate {
namespace {

// libgit2 keeps a reference count of init calls; pairing them per call keeps
// the library usable from any thread and leaves nothing behind at exit.
class LibraryGuard {
 public:
  LibraryGuard() { git_libgit2_init(); }
  ~LibraryGuard() { git_libgit2_shutdown(); }
  LibraryGuard(const LibraryGuard&) = delete;
  LibraryGuard& operator=(const LibraryGuard&) = delete;
};

template <auto free_function>
struct GitFree {
  template <class T>
  void operator()(T* object) const { free_function(object); }
};

using RepositoryPtr = std::unique_ptr<git_repository, GitFree<git_repository_free>>;
using ReferencePtr = std::unique_ptr<git_reference, GitFree<git_reference_free>>;
using CommitPtr = std::unique_ptr<git_commit, GitFree<git_commit_free>>;
using ObjectPtr = std::unique_ptr<git_object, GitFree<git_object_free>>;
using StatusListPtr = std::unique_ptr<git_status_list, GitFree<git_status_list_free>>;

constexpr const char* kNoCommitWarning =
    "not in a git repository: results are recorded without a commit";

/// The message of the libgit2 call that just failed.
std::string last_git_error() {
  const git_error* error = git_error_last();
  if (error == nullptr || error->message == nullptr) return "unknown libgit2 error";
  return error->message;
}

std::string oid_to_hex(const git_oid* id) {
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, id);
  return hex;
}

/// Opens the repository containing `directory`, searching upward. The
/// GIT_CEILING_DIRECTORIES of the process is honoured as git does, but not the
/// rest of git's environment: GIT_DIR would override `directory`.
int open_repository(RepositoryPtr& repository, const std::string& directory) {
  const char* ceilings = std::getenv("GIT_CEILING_DIRECTORIES");
  git_repository* raw = nullptr;
  int code = git_repository_open_ext(&raw, directory.c_str(), 0, ceilings);
  repository.reset(raw);
  return code;
}

/// The work tree of `repository` (its git folder when bare), for messages.
std::string repository_location(git_repository* repository) {
  const char* workdir = git_repository_workdir(repository);
  std::string location = workdir != nullptr ? workdir : git_repository_path(repository);
  if (location.size() > 1 && location.back() == '/') location.pop_back();
  return location;
}

/// Whether tracked files differ from HEAD, in the index or the work tree.
/// Untracked files are left out: they do not change what was built.
void read_dirty_flag(git_repository* repository, GitInfo& info,
                     std::vector<std::string>& warnings) {
  if (git_repository_is_bare(repository) == 1) return;

  git_status_options options;
  git_status_options_init(&options, GIT_STATUS_OPTIONS_VERSION);
  options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  options.flags = 0;

  git_status_list* raw = nullptr;
  if (git_status_list_new(&raw, repository, &options) < 0) {
    warnings.push_back("cannot tell whether the work tree of " +
                       repository_location(repository) + " is clean: " + last_git_error());
    return;
  }
  StatusListPtr status(raw);
  info.dirty = git_status_list_entrycount(status.get()) > 0;
}

/// Fills in the commit HEAD points at: id, time, subject, and on GitHub the
/// parents of a merge commit.
void read_head_commit(git_commit* commit, bool on_github, GitInfo& info) {
  info.commit = oid_to_hex(git_commit_id(commit));
  info.commit_time_s = static_cast<std::int64_t>(git_commit_time(commit));
  const char* summary = git_commit_summary(commit);
  info.subject = summary != nullptr ? summary : "";

  // The parent ids come from the commit object itself, so they are known even
  // in a shallow clone where the parents' objects were never fetched.
  unsigned int parent_count = git_commit_parentcount(commit);
  if (!on_github || parent_count < 2) return;
  for (unsigned int i = 0; i < parent_count; ++i) {
    info.merge_parents.push_back(oid_to_hex(git_commit_parent_id(commit, i)));
  }
}

std::string variable(const EnvironmentVariables& variables, const std::string& name) {
  auto found = variables.find(name);
  return found == variables.end() ? std::string() : found->second;
}

/// Branch and source as GitHub Actions reports them. HEAD stays the measured
/// commit: for a pull request it is the merge commit GitHub checked out.
void apply_github(const EnvironmentVariables& github, GitInfo& info,
                  std::vector<std::string>& warnings) {
  info.source = "github";
  std::string head_ref = variable(github, "GITHUB_HEAD_REF");
  info.branch = head_ref.empty() ? variable(github, "GITHUB_REF_NAME") : head_ref;

  std::string sha = variable(github, "GITHUB_SHA");
  if (!sha.empty() && info.commit && sha != *info.commit) {
    warnings.push_back("GITHUB_SHA is " + sha + " but HEAD is " + *info.commit +
                       ": recording HEAD, the commit that was checked out and measured");
  }
}

}  // namespace

EnvironmentVariables github_variables_from_process() {
  EnvironmentVariables variables;
  for (const char* name : {"GITHUB_SHA", "GITHUB_HEAD_REF", "GITHUB_REF_NAME", "GITHUB_ACTIONS"}) {
    if (const char* value = std::getenv(name)) variables[name] = value;
  }
  return variables;
}

GitInfo read_git_info(const std::string& directory, const EnvironmentVariables& github,
                      std::vector<std::string>& warnings) {
  LibraryGuard library;
  GitInfo info;

  RepositoryPtr repository;
  int opened = open_repository(repository, directory);
  if (opened == GIT_ENOTFOUND) {
    warnings.push_back(kNoCommitWarning);
    return info;
  }
  if (opened < 0) {
    warnings.push_back("cannot open the git repository containing " + directory + ": " +
                       last_git_error() + ": results are recorded without a commit");
    return info;
  }

  info.shallow = git_repository_is_shallow(repository.get()) == 1;
  read_dirty_flag(repository.get(), info, warnings);

  git_reference* raw_head = nullptr;
  int head_found = git_repository_head(&raw_head, repository.get());
  ReferencePtr head(raw_head);
  if (head_found == GIT_EUNBORNBRANCH || head_found == GIT_ENOTFOUND) {
    warnings.push_back("the git repository at " + repository_location(repository.get()) +
                       " has no commits yet: results are recorded without a commit");
    return info;
  }
  if (head_found < 0) {
    warnings.push_back("cannot read HEAD of " + repository_location(repository.get()) + ": " +
                       last_git_error() + ": results are recorded without a commit");
    return info;
  }

  git_commit* raw_commit = nullptr;
  if (git_commit_lookup(&raw_commit, repository.get(), git_reference_target(head.get())) < 0) {
    warnings.push_back("cannot read the commit HEAD points at in " +
                       repository_location(repository.get()) + ": " + last_git_error() +
                       ": results are recorded without a commit");
    return info;
  }
  CommitPtr commit(raw_commit);

  bool on_github = variable(github, "GITHUB_ACTIONS") == "true";
  read_head_commit(commit.get(), on_github, info);
  if (on_github) {
    apply_github(github, info, warnings);
    return info;
  }

  info.source = "libgit2";
  if (git_repository_head_detached(repository.get()) != 1) {
    info.branch = git_reference_shorthand(head.get());
  }
  return info;
}

Expected<std::string> resolve_revision(const std::string& directory,
                                       const std::string& revision) {
  LibraryGuard library;

  RepositoryPtr repository;
  int opened = open_repository(repository, directory);
  if (opened == GIT_ENOTFOUND) {
    return Error("'" + revision + "' is not a file, and " + directory +
                 " is not in a git repository");
  }
  if (opened < 0) {
    return Error("cannot resolve revision '" + revision + "': cannot open the git repository " +
                 "containing " + directory + ": " + last_git_error());
  }
  std::string location = repository_location(repository.get());

  git_object* raw_object = nullptr;
  int parsed = git_revparse_single(&raw_object, repository.get(), revision.c_str());
  ObjectPtr object(raw_object);
  // libgit2 calls a hex string under 4 digits ambiguous ("prefix too short")
  // even when nothing starts with it; git calls it unknown, and so do we.
  std::size_t name_length = revision.find_first_of("~^@:");
  bool too_short = std::min(name_length, revision.size()) < GIT_OID_MINPREFIXLEN;
  if (parsed == GIT_EAMBIGUOUS && !too_short) {
    return Error("ambiguous revision '" + revision + "': several objects in " + location +
                 " start with it; give more hex digits");
  }
  if (parsed == GIT_ENOTFOUND || parsed == GIT_EINVALIDSPEC || parsed == GIT_EUNBORNBRANCH ||
      parsed == GIT_EAMBIGUOUS) {
    return Error("unknown revision '" + revision + "': not a commit, branch or tag in " +
                 location);
  }
  if (parsed < 0) {
    return Error("cannot resolve revision '" + revision + "' in " + location + ": " +
                 last_git_error());
  }

  // A tag names a commit through a tag object; a tree or blob names none.
  git_object* raw_commit = nullptr;
  if (git_object_peel(&raw_commit, object.get(), GIT_OBJECT_COMMIT) < 0) {
    return Error("revision '" + revision + "' in " + location + " is a " +
                 git_object_type2string(git_object_type(object.get())) + ", not a commit");
  }
  ObjectPtr commit(raw_commit);
  return oid_to_hex(git_object_id(commit.get()));
}

}  // namespace perfgate
