// Problems found in content, each pointing at the file, line and column that caused it.
#pragma once

#include "support/problem.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace coachkit {

// The name the readers have always used for a problem in content.
using Diagnostic = Problem;

// The old spelling of problem_text (see problem.hpp).
inline std::string format_diagnostic(const Diagnostic& d) { return problem_text(d); }

// `text` with control characters (C0, DEL, C1, line separators, bidirectional overrides) and
// bytes that are not UTF-8 written as \n, \r, \t, \xHH or \uHHHH; everything else unchanged.
std::string escape_control_characters(std::string_view text);

// Every problem of a run, counted; the first `most_kept` of them by position kept. Untrusted
// input can hold a problem per byte (a CSV export of a million bad rows): keeping them all
// grew to gigabytes, and nobody reads past the first screenful. What is kept is the
// `most_kept` smallest by file, line, column and then the order they were added, so that the
// printed list is always the start of what the full sorted list would have been, whatever
// order the problems were found in.
class Diagnostics {
 public:
  static constexpr std::size_t kDefaultMostKept = 100;
  static constexpr std::size_t kKeepAll = static_cast<std::size_t>(-1);

  Diagnostics() = default;
  explicit Diagnostics(std::size_t most_kept) : most_kept_(most_kept) {}

  void add(std::string file, int line, int column, std::string message);
  void add(Diagnostic d);
  void error(const SourcePosition& where, std::string message) {
    add(Problem(where, std::move(message)));
  }
  void warning(const SourcePosition& where, std::string message) {
    add(Problem(where, std::move(message), Severity::Warning));
  }
  // Every problem added, kept or not: "N problems", and "did this step add any?".
  bool empty() const { return total_ == 0; }
  std::size_t size() const { return total_; }
  // The problems counted but not kept.
  std::size_t omitted() const { return total_ - items_.size(); }
  // The kept problems, in the order they were added until the limit was reached.
  const std::vector<Diagnostic>& items() const { return items_; }
  // The kept ones sorted by file, line and column, one per line, then "... and K more
  // problems" when some were not kept.
  std::string to_string() const;
  // The same as problems: the kept ones sorted, then a note of how many were not kept.
  std::vector<Problem> sorted() const;

 private:
  bool precedes(std::size_t a, std::size_t b) const;
  bool precedes(const Diagnostic& d, std::size_t kept) const;

  std::size_t most_kept_ = kDefaultMostKept;
  std::size_t total_ = 0;
  std::vector<Diagnostic> items_;
  std::vector<std::size_t> added_;  // for each kept item, when it was added (0, 1, ...)
  std::vector<std::size_t> heap_;   // once full: indices of items_, the last by position on top
};

}  // namespace coachkit
