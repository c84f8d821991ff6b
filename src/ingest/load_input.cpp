// Reading a results file whose format is found from its contents.
#include <nlohmann/json.hpp>

#include "base/atomic_file.h"
#include "ingest/gbench_reader.h"
#include "ingest/load_input.h"
#include "result/result_json.h"

namespace perfgate {

Expected<Result> load_results_file(const std::string& path, std::string_view format) {
  if (!format.empty() && format != "gbench" && format != "perfgate") {
    return Error(path + ": format \"" + std::string(format) +
                 "\" is not known (use \"gbench\" or \"perfgate\", or leave it out to detect)");
  }
  auto text = read_file(path);
  if (!text) return text.error();

  // Google Benchmark output is read a row at a time. Anything else, or a
  // file with something wrong in it, is read whole below, which says what.
  if (format != "perfgate") {
    if (auto streamed = stream_gbench(*text, path)) return std::move(*streamed);
  }

  auto document = parse_json_lenient(*text, path);
  if (!document) return document.error();

  // A "benchmarks" key of the wrong type still says Google Benchmark was
  // meant, and its reader says exactly what is wrong with it.
  // Any "schema" key claims a perfgate Result, whose reader then says what
  // is wrong with it, rather than reading it as Google Benchmark output.
  bool is_result = document->is_object() && document->contains("schema");
  bool is_gbench = !is_result && (looks_like_gbench(*document) ||
                                  (document->is_object() && document->contains("benchmarks")));
  if (format == "perfgate" && !is_result) {
    return Error(path + ": format is \"perfgate\" but the file has no \"schema\": "
                 "\"perfgate/result/v1\"; is it Google Benchmark output (format = \"gbench\")?");
  }
  if (format == "gbench" && !is_gbench) {
    return Error(path + ": format is \"gbench\" but the file is not Google Benchmark JSON "
                 "output (no \"benchmarks\" array)");
  }

  if (is_result) return result_from_json(*document, path);
  if (is_gbench) return result_from_gbench(*document, path);
  return Error(path +
               ": not a perfgate Result or Google Benchmark JSON output "
               "(no \"schema\" or \"benchmarks\" key)");
}

}  // namespace perfgate
