#include "base/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace perfgate {
namespace {

std::string system_reason() { return std::strerror(errno); }

std::string temporary_name_for(const std::string& path) {
  std::random_device entropy;
  std::ostringstream name;
  name << path << ".tmp-" << ::getpid() << "-" << std::hex << entropy();
  return name.str();
}

Status write_all(int fd, std::string_view contents) {
  while (!contents.empty()) {
    ssize_t written = ::write(fd, contents.data(), contents.size());
    if (written < 0 && errno == EINTR) continue;
    if (written < 0) return Error(system_reason());
    contents.remove_prefix(static_cast<std::size_t>(written));
  }
  return {};
}

}  // namespace

Status write_file_atomically(const std::string& path, std::string_view contents) {
  if (path.empty()) return Error("cannot write to an empty file name");
  // Renaming over a FIFO or a device would replace it with a plain file
  // (seen: /dev/full, when run as root), so only regular files are replaced.
  std::error_code ignored;
  std::filesystem::file_status existing = std::filesystem::status(path, ignored);
  if (std::filesystem::exists(existing) && !std::filesystem::is_regular_file(existing)) {
    return Error("cannot write " + path + ": it exists and is not a regular file");
  }
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ignored);

  std::string temporary = temporary_name_for(path);
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Error("cannot write " + path + ": " + system_reason());

  Status written = write_all(fd, contents);
  // fsync before rename: otherwise a crash can leave the new name pointing
  // at an empty file on some filesystems.
  bool synced = written && ::fsync(fd) == 0;
  std::string reason = written ? system_reason() : written.error().message();
  ::close(fd);
  if (!synced || ::rename(temporary.c_str(), path.c_str()) != 0) {
    if (synced) reason = system_reason();
    ::unlink(temporary.c_str());
    return Error("cannot write " + path + ": " + reason);
  }
  return {};
}

Expected<std::string> read_file(const std::string& path) {
  std::error_code error;
  std::filesystem::file_status status = std::filesystem::status(path, error);
  if (std::filesystem::is_directory(status)) {
    return Error(path + ": is a directory, expected a file");
  }
  // Reading a FIFO would wait for a writer forever, and a device may never
  // end: only regular files hold results.
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    return Error(path + ": not a regular file (a pipe, device or socket)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(path + ": cannot open: " + system_reason());

  // One read into a string of the file's size, rather than copying through
  // a string stream: results files run to tens of megabytes. The size is
  // only a hint, since the file may change while it is read.
  std::string contents;
  std::uintmax_t size_hint = std::filesystem::file_size(path, error);
  if (error) size_hint = 0;
  contents.resize(static_cast<std::size_t>(size_hint));
  in.read(contents.data(), static_cast<std::streamsize>(contents.size()));
  contents.resize(static_cast<std::size_t>(in.gcount()));

  // Whatever follows the expected size (a file that grew) is read too.
  char chunk[4096];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    contents.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return Error(path + ": cannot read: " + system_reason());
  return contents;
}

}  // namespace perfgate
