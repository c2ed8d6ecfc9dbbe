// One kind of problem for every command (the type, Problem, is the SDK's: coachkit/problem.hpp,
// so plugins report in the same shape). The program turns a list of them into text or JSON
// (`problem_text`, `problems_json`) and, from their origins, into an exit status; nothing in the
// library prints one or chooses the status.
//
// How a function of the library says it failed, everywhere:
//  - one thing that can fail (a file written, a tool run) returns std::optional<Problem>:
//    nothing when it worked, the problem when not; what it makes goes to an out-parameter.
//    Call it as `if (auto problem = write_file_atomically(path, text)) return *problem;`.
//  - a check that finds many problems appends them to a std::vector<Problem>& (or Diagnostics,
//    which adds the nearest-key suggestions and the limit on follow-on errors).
// A problem about the program's own work (a tool, the file system) has no file and origin Tool,
// and its message says what failed on which path, as it is printed.
#pragma once

#include <coachkit/problem.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coachkit {

// Problems about the program's own work (no file): "coachkit: message" when printed.
Problem usage_error(std::string message);
Problem tool_error(std::string message);
// A closing line ("nothing was built: fix the problems above"), printed as it is.
Problem note(std::string message, std::string file = "");

const char* severity_name(Severity severity);
const char* origin_name(Origin origin);

// One line, no newline: "FILE:LINE:COL: message", "FILE: message" without a line,
// "coachkit: message" without a file (but a note, or a plugin's failure, which names the plugin,
// is the message alone); a warning says "warning: " before the message. Content is untrusted and
// both parts may quote it: control characters are shown escaped, so a problem is always one line
// and cannot forge another one or drive the terminal.
std::string problem_text(const Problem& problem);

// Every problem as a JSON array of {"file", "line", "column", "severity", "origin", "message"}
// (the text unescaped but for JSON's own escapes; bytes that are not UTF-8 become U+FFFD),
// followed by a newline.
std::string problems_json(const std::vector<Problem>& problems);

// What a command found, for the program to print: every problem in the order found, and, when
// one of them ended the command early, whose fault that was (it alone says how the command
// failed; the errors before it may be of another origin).
struct Outcome {
  std::vector<Problem> problems;
  std::optional<Origin> stopped_by;

  void add(Problem problem) { problems.push_back(std::move(problem)); }
  void add(const std::vector<Problem>& more) {
    problems.insert(problems.end(), more.begin(), more.end());
  }
  // Adds `problem` and records that the command stops here.
  Outcome& stop(Problem problem) {
    stopped_by = problem.origin;
    add(std::move(problem));
    return *this;
  }
  bool has_errors() const;
};

}  // namespace coachkit
