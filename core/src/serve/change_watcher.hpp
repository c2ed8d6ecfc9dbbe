// Tells the preview when an input changed: inotify watches on every folder under the given
// roots (new folders are watched as they appear), with bursts of events folded into one change,
// since editors save by writing a temporary file and renaming it over the old one.
#pragma once

#include "support/problem.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace coachkit::serve {

class ChangeWatcher {
 public:
  ChangeWatcher();
  ~ChangeWatcher();
  ChangeWatcher(const ChangeWatcher&) = delete;
  ChangeWatcher& operator=(const ChangeWatcher&) = delete;

  // Why it cannot watch (inotify is unavailable: origin Tool), or nothing.
  std::optional<Problem> problem() const;

  // Watches these files' folders and these folders, recursively; `ignored` folders (the output
  // folder, which builds write to) and everything under them are left out. Adds to what was
  // watched before.
  void watch(const std::vector<std::string>& roots, const std::vector<std::string>& ignored);

  // Blocks until something changed and then stayed quiet for `quiet`, or until stop(). Returns
  // false when stopped. `changed` gets the paths seen (for the log).
  bool wait(std::chrono::milliseconds quiet, std::vector<std::string>* changed);

  // From any thread: wait() returns false.
  void stop();

 private:
  void add_tree(const std::string& folder);
  bool is_ignored(const std::string& path) const;

  int inotify_fd_ = -1;
  int wake_fd_ = -1;  // an eventfd stop() writes to
  std::string error_;
  std::vector<std::string> ignored_;
  std::vector<std::string> files_;  // watched single files (a project file)
  struct Watch {
    int descriptor;
    std::string folder;
    bool tree;  // every change under it counts; otherwise only those of `files_`
  };
  std::vector<Watch> watches_;
};

}  // namespace coachkit::serve
