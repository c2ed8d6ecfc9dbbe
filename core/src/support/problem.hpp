// One kind of problem for every command: where it is (a position in a content file, a plugin's
// file, or nowhere for the command line), how bad it is, whose fault it is, and what it is. The
// program turns a list of them into text or JSON (`problem_text`, `problems_json`) and, from
// their origins, into an exit status; nothing in the library prints one or chooses the status.
#pragma once

#include <coachkit/model.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace coachkit {

enum class Severity { Error, Warning, Note };

// Whose problem it is, which decides the exit status of an error: the author's content or the
// command line is 1, a tool (pandoc, WeasyPrint, the file system) or a plugin failing is 2.
enum class Origin { Content, Usage, Tool, Plugin };

struct Problem {
  Problem() = default;
  // The spelling every reader has used since the first one: FILE, LINE, COL, message.
  Problem(std::string file, int line, int column, std::string message,
          Severity severity = Severity::Error, Origin origin = Origin::Content)
      : where{std::move(file), line, column},
        severity(severity),
        origin(origin),
        message(std::move(message)) {}
  Problem(SourcePosition where, std::string message, Severity severity = Severity::Error,
          Origin origin = Origin::Content)
      : where(std::move(where)), severity(severity), origin(origin), message(std::move(message)) {}

  SourcePosition where;  // file "" for the command line or the program itself; line 0: whole file
  Severity severity = Severity::Error;
  Origin origin = Origin::Content;
  std::string message;

  bool is_error() const { return severity == Severity::Error; }
};

// Problems about the program's own work (no file): "coachkit: message" when printed.
Problem usage_error(std::string message);
Problem tool_error(std::string message);
// A closing line ("nothing was built: fix the problems above"), printed as it is.
Problem note(std::string message, std::string file = "");

const char* severity_name(Severity severity);
const char* origin_name(Origin origin);

// One line, no newline: "FILE:LINE:COL: message", "FILE: message" without a line,
// "coachkit: message" without a file (but a note, or a plugin's failure, which names the plugin,
// is the message alone); a warning says "warning: " before the message. Content is untrusted and both parts may quote it: control
// characters are shown escaped, so a problem is always one line and cannot forge another one
// or drive the terminal.
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
