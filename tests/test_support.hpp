// Small helpers shared by the test suites.
#pragma once

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
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

// Temporary files a build or render left below `dir` (named with the atomic writer's
// ".coachkit-partial-" marker), hidden ones included.
inline std::vector<std::string> partial_files(const std::filesystem::path& dir) {
  std::vector<std::string> found;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::end(it); it.increment(ec)) {
    if (it->path().filename().string().find(".coachkit-partial-") != std::string::npos) {
      found.push_back(it->path().string());
    }
  }
  return found;
}

// Every visible file below `dir` (the log, stamps and temporaries are hidden) and its bytes.
using FileMap = std::map<std::string, std::string>;
inline FileMap files_below(const std::filesystem::path& dir) {
  FileMap files;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::end(it); it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.front() == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) {
      files[it->path().lexically_relative(dir).generic_string()] = read_file(it->path());
    }
  }
  return files;
}

// A small copy of the default pack at `pack` into `to`, with its id: six principles, the two
// activities, the poster and the question file that name only them, no quotes (they name
// principles left out), and the rest as it is. Builds of it take seconds, not minutes.
inline void copy_small_default_pack(const std::filesystem::path& pack,
                                    const std::filesystem::path& to) {
  namespace fs = std::filesystem;
  fs::copy(pack, to, fs::copy_options::recursive);
  const std::set<std::string> keep = {
      "respect",       "service", "integrity", "pride-in-workmanship", "service-not-surrender",
      "team-treatment"};
  for (const auto& entry : fs::directory_iterator(to / "principles")) {
    if (!keep.count(entry.path().stem().string())) fs::remove(entry.path());
  }
  for (const char* folder : {"activities", "posters", "questions"}) {
    for (const auto& entry : fs::directory_iterator(to / folder)) {
      std::string stem = entry.path().stem().string();
      bool kept = stem == "ending-abusive-calls" || stem == "team-treatment-audit" ||
                  stem == "dos-and-donts" || stem == "core-principles";
      if (!kept) fs::remove(entry.path());
    }
  }
  fs::remove_all(to / "quotes");
}

}  // namespace coachkit::testing
