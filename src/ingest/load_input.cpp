// Reading a results file whose format is found from its contents.
#include <nlohmann/json.hpp>

#include "base/atomic_file.h"
#include "ingest/load_input.h"
#include "result/result_json.h"

namespace perfgate {

Expected<Result> load_results_file(const std::string& path) {
  auto text = read_file(path);
  if (!text) return text.error();

  auto document = parse_json_lenient(*text, path);
  if (!document) return document.error();

  if (looks_like_result(*document)) return result_from_json(*document, path);

  // A "benchmarks" key of the wrong type still says Google Benchmark was
  // meant, and its reader says exactly what is wrong with it.
  if (looks_like_gbench(*document) ||
      (document->is_object() && document->contains("benchmarks"))) {
    return result_from_gbench(*document, path);
  }
  return Error(path +
               ": not a perfgate Result or Google Benchmark JSON output "
               "(no \"schema\" or \"benchmarks\" key)");
}

}  // namespace perfgate
