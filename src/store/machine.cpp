#include "store/machine.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <climits>
#include <fstream>
#include <string>
#include <thread>

namespace perfgate {
namespace {

std::string trim(const std::string& text) {
  const char* blanks = " \t\r\n";
  std::size_t first = text.find_first_not_of(blanks);
  if (first == std::string::npos) return "";
  std::size_t last = text.find_last_not_of(blanks);
  return text.substr(first, last - first + 1);
}

std::string host_name() {
  char name[HOST_NAME_MAX + 1] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "";
  return name;
}

/// The first "model name" of /proc/cpuinfo. Some architectures (most ARM
/// kernels) do not write that line; the model then stays empty.
std::string cpu_model() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("model name", 0) != 0) continue;
    std::size_t colon = line.find(':');
    if (colon != std::string::npos) return trim(line.substr(colon + 1));
  }
  return "";
}

int core_count() {
  unsigned int threads = std::thread::hardware_concurrency();
  if (threads > 0) return static_cast<int>(threads);
  long online = ::sysconf(_SC_NPROCESSORS_ONLN);
  return online > 0 ? static_cast<int>(online) : 0;
}

std::string operating_system() {
  struct utsname names {};
  if (::uname(&names) != 0) return "";
  return std::string(names.sysname) + " " + names.release;
}

/// The compiler that built this file, which is the one that built perfgate.
/// Clang also defines __GNUC__, so it is asked first.
std::string compiler() {
#if defined(__clang__)
  std::string version = __clang_version__;
  return "clang++ " + trim(version.substr(0, version.find(' ')));
#elif defined(__GNUC__)
  return std::string("g++ ") + __VERSION__;
#else
  return "";
#endif
}

}  // namespace

Environment describe_this_machine() {
  Environment environment;
  environment.host = host_name();
  environment.cpu_model = cpu_model();
  environment.cores = core_count();
  environment.os = operating_system();
  environment.compiler = compiler();
  return environment;
}

}  // namespace perfgate
