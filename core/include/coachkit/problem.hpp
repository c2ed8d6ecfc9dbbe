// One kind of problem, for the host and its plugins alike: where it is (a position in a content
// file, a plugin's file, or nowhere for the command line), how bad it is, whose fault it is, and
// what it is. A generator hands its problems to a Reporter (generator.hpp) in this shape; the
// host prints them (core/src/support/problem.hpp) and, from their origins, chooses the exit
// status.
#pragma once

#include <coachkit/model.hpp>
#include <coachkit/version.hpp>

#include <string>
#include <utility>

COACHKIT_NAMESPACE_BEGIN

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

COACHKIT_NAMESPACE_END
