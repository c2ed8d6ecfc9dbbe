// Problems found in content, each pointing at the file, line and column that caused it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace coachkit {

struct Diagnostic {
  std::string file;
  int line = 0;  // 0 when the problem is about the whole file
  int column = 0;
  std::string message;
};

// "FILE:LINE:COL: message", or "FILE: message" without a position. Content is untrusted and
// both parts may quote it: control characters are shown escaped, so a diagnostic is always one
// line and cannot forge another one or drive the terminal.
std::string format_diagnostic(const Diagnostic& d);

// `text` with control characters (C0, DEL, C1, line separators, bidirectional overrides) and
// bytes that are not UTF-8 written as \n, \r, \t, \xHH or \uHHHH; everything else unchanged.
std::string escape_control_characters(std::string_view text);

class Diagnostics {
 public:
  void add(std::string file, int line, int column, std::string message);
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  // Sorted by file, line and column, one per line.
  std::string to_string() const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace coachkit
