#include "problem_report.hpp"

#include <algorithm>
#include <iostream>

namespace coachkit::cli {

int exit_status_of(Origin origin) {
  return origin == Origin::Tool || origin == Origin::Plugin ? kToolError : kContentError;
}

int exit_status_of(const Outcome& outcome) {
  if (outcome.stopped_by) return exit_status_of(*outcome.stopped_by);
  int status = kOk;
  for (const Problem& p : outcome.problems) {
    if (p.is_error()) status = std::max(status, exit_status_of(p.origin));
  }
  return status;
}

void ProblemReport::add(const Outcome& outcome) {
  outcome_.add(outcome.problems);
  if (outcome.stopped_by) outcome_.stopped_by = outcome.stopped_by;
}

int ProblemReport::stop(Problem problem) {
  outcome_.stop(std::move(problem));
  return finish();
}

void ProblemReport::flush() {
  if (json_) return;
  for (; written_ < outcome_.problems.size(); ++written_) {
    std::cerr << problem_text(outcome_.problems[written_]) << "\n";
  }
}

int ProblemReport::finish() {
  if (json_) {
    std::cerr << problems_json(outcome_.problems);
  } else {
    flush();
  }
  return exit_status_of(outcome_);
}

}  // namespace coachkit::cli
