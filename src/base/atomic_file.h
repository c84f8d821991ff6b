// Writing files so that a reader never sees half of one.
#pragma once

#include <string>
#include <string_view>

#include "base/error.h"

namespace perfgate {

/// Writes `contents` to a temporary file beside `path`, flushes it to disk
/// and renames it over `path`. Creates missing parent directories. On failure
/// `path` is left as it was and no temporary file remains.
Status write_file_atomically(const std::string& path, std::string_view contents);

/// Reads a whole file. The error names the path and the system's reason.
Expected<std::string> read_file(const std::string& path);

}  // namespace perfgate
