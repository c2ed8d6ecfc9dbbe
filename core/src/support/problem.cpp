#include "support/problem.hpp"

#include "support/diagnostics.hpp"

#include <nlohmann/json.hpp>

namespace coachkit {

Problem usage_error(std::string message) {
  return Problem(SourcePosition{}, std::move(message), Severity::Error, Origin::Usage);
}

Problem tool_error(std::string message) {
  return Problem(SourcePosition{}, std::move(message), Severity::Error, Origin::Tool);
}

Problem note(std::string message, std::string file) {
  return Problem(SourcePosition{std::move(file), 0, 0}, std::move(message), Severity::Note);
}

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  return "error";
}

const char* origin_name(Origin origin) {
  switch (origin) {
    case Origin::Content:
      return "content";
    case Origin::Usage:
      return "usage";
    case Origin::Tool:
      return "tool";
    case Origin::Plugin:
      return "plugin";
  }
  return "content";
}

std::string problem_text(const Problem& problem) {
  std::string message = escape_control_characters(problem.message);
  if (problem.severity == Severity::Warning) message = "warning: " + message;
  const SourcePosition& at = problem.where;
  if (at.file.empty()) {
    bool program = problem.severity != Severity::Note && problem.origin != Origin::Plugin;
    return program ? "coachkit: " + message : message;
  }
  std::string file = escape_control_characters(at.file);
  if (at.line <= 0) return file + ": " + message;
  return file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " + message;
}

std::string problems_json(const std::vector<Problem>& problems) {
  nlohmann::json list = nlohmann::json::array();
  for (const Problem& p : problems) {
    list.push_back({{"file", p.where.file},
                    {"line", p.where.line},
                    {"column", p.where.column},
                    {"severity", severity_name(p.severity)},
                    {"origin", origin_name(p.origin)},
                    {"message", p.message}});
  }
  return list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

bool Outcome::has_errors() const {
  for (const Problem& p : problems) {
    if (p.is_error()) return true;
  }
  return false;
}

}  // namespace coachkit
