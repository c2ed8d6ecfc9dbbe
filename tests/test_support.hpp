// Small helpers shared by the test suites.
#pragma once

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <coachkit/generator.hpp>

namespace coachkit::testing {

// A Reporter for tests that call a generator directly: keeps what it is told.
class RecordingReporter : public coachkit::Reporter {
 public:
  void report(const coachkit::Problem& problem) override {
    const coachkit::SourcePosition& where = problem.where;
    if (problem.origin == coachkit::Origin::Plugin) {
      failures.push_back(problem.message);
    } else if (problem.is_error()) {
      errors.push_back(where.file + ":" + std::to_string(where.line) + ":" +
                       std::to_string(where.column) + ": " + problem.message);
    } else {
      warnings.push_back(problem.message);
    }
  }
  std::vector<std::string> errors, warnings, failures;
};

// A fresh folder under the system's temporary folder, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "coachkit-test-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  // Writes `contents` to the relative path, creating folders.
  std::filesystem::path write(const std::string& relative, const std::string& contents) const {
    std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << contents;
    return file;
  }

 private:
  std::filesystem::path path_;
};

// The message of a library call's problem, "" when it worked: ASSERT_EQ(message_of(f()), "").
inline std::string message_of(const std::optional<coachkit::Problem>& problem) {
  return problem ? problem->message : "";
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace coachkit::testing
