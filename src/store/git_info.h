// What commit is being measured, read through libgit2.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "result/result.h"

namespace perfgate {

/// The environment variables GitHub Actions sets that matter here; tests
/// pass their own map instead of the process environment.
using EnvironmentVariables = std::map<std::string, std::string>;

/// GITHUB_SHA, GITHUB_HEAD_REF, GITHUB_REF_NAME and GITHUB_ACTIONS from the
/// process environment, when set.
EnvironmentVariables github_variables_from_process();

/// Describes the commit checked out in the repository containing `directory`
/// (a linked worktree and a shallow clone included). Outside any repository
/// it returns a GitInfo without a commit and adds a warning to `warnings`;
/// it never fails. On GitHub Actions the branch comes from GITHUB_HEAD_REF
/// (pull requests) or GITHUB_REF_NAME, and a detached HEAD that is a merge
/// commit records its parents.
GitInfo read_git_info(const std::string& directory, const EnvironmentVariables& github,
                      std::vector<std::string>& warnings);

/// Resolves a revision (a full or abbreviated id, a branch, a tag, HEAD~2)
/// in the repository containing `directory` to a full commit id.
Expected<std::string> resolve_revision(const std::string& directory, const std::string& revision);

}  // namespace perfgate
