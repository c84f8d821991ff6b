// The directory store: Results on disk, one file each, found by commit.
//
// Layout: <root>/<commit>/<suite>-<start time>-<random>.json, where results
// measured outside git go under <root>/no-commit/. Many writers may save at
// once; each writes its own file, atomically.
#pragma once

#include <string>
#include <vector>

#include "base/error.h"
#include "result/result.h"

namespace perfgate {

/// The default root of the directory store, relative to the working directory.
inline constexpr const char* kDefaultStoreRoot = ".perfgate/results";

class DirectoryStore {
 public:
  explicit DirectoryStore(std::string root) : root_(std::move(root)) {}

  /// Files `result` under its commit; returns the path written.
  Expected<std::string> save(const Result& result) const;

  /// Commit ids with at least one stored Result.
  std::vector<std::string> commits() const;

  /// The newest Result stored for `commit` and `suite` (any suite when
  /// empty). `commit` may be a unique prefix of a stored id of 4 or more hex
  /// digits.
  Expected<Result> load_latest(const std::string& commit, const std::string& suite) const;

  const std::string& root() const { return root_; }

 private:
  std::string root_;
};

}  // namespace perfgate
