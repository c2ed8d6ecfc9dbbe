// Problems found in content, each pointing at the file, line and column that caused it.
#pragma once

#include <string>
#include <vector>

namespace coachkit {

struct Diagnostic {
  std::string file;
  int line = 0;  // 0 when the problem is about the whole file
  int column = 0;
  std::string message;
};

// "FILE:LINE:COL: message", or "FILE: message" without a position.
std::string format_diagnostic(const Diagnostic& d);

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
