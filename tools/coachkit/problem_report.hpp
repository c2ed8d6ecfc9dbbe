// Where the program, and only the program, turns what a command found into text on stderr (or
// JSON with --json) and into the exit status: 0 success, 1 content or usage error, 2 a tool or
// plugin failed.
#pragma once

#include "support/diagnostics.hpp"
#include "support/problem.hpp"

#include <cstddef>

namespace coachkit::cli {

constexpr int kOk = 0;
constexpr int kContentError = 1;
constexpr int kToolError = 2;

// 1 for the author's content or the command line, 2 for a tool or a plugin.
int exit_status_of(Origin origin);
// The origin of the problem that stopped the command, or else the worst error's; 0 without one.
int exit_status_of(const Outcome& outcome);

// A command's outcome as it grows. In text, `flush()` writes the problems added since the last
// flush, so they reach the terminal in step with what the command prints on stdout; in JSON,
// every problem is written once, as one array, by `finish()`.
class ProblemReport {
 public:
  explicit ProblemReport(bool json) : json_(json) {}

  void add(Problem problem) { outcome_.add(std::move(problem)); }
  void add(const Outcome& outcome);
  void add(const std::vector<Problem>& problems) { outcome_.add(problems); }
  // The kept problems sorted, then "... and K more problems".
  void add(const Diagnostics& diagnostics) { outcome_.add(diagnostics.sorted()); }
  // Adds `problem`, which ends the command and decides its exit status; returns that status.
  int stop(Problem problem);
  // Records that the problems of `origin` decide the exit status, whatever came before.
  void decided_by(Origin origin) { outcome_.stopped_by = origin; }

  void flush();
  // Everything not yet written, and the exit status.
  int finish();

  const Outcome& outcome() const { return outcome_; }

 private:
  bool json_;
  Outcome outcome_;
  std::size_t written_ = 0;
};

}  // namespace coachkit::cli
