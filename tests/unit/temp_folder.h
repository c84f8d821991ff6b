// A fresh folder for one test, removed with everything in it afterwards.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

namespace perfgate {

class TempFolder {
 public:
  TempFolder() {
    std::string pattern = std::filesystem::temp_directory_path() / "perfgate-test-XXXXXX";
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }

  /// The path of `name` inside this folder.
  std::string file(const std::string& name) const { return path_ / name; }

  /// Writes `text` to `name` in this folder and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    std::string written = file(name);
    std::ofstream(written, std::ios::binary) << text;
    return written;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace perfgate
