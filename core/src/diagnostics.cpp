#include "diagnostics.hpp"

#include <algorithm>
#include <tuple>

namespace coachkit {

std::string format_diagnostic(const Diagnostic& d) {
  if (d.line <= 0) return d.file + ": " + d.message;
  return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message;
}

void Diagnostics::add(std::string file, int line, int column, std::string message) {
  items_.push_back(Diagnostic{std::move(file), line, column, std::move(message)});
}

std::string Diagnostics::to_string() const {
  std::vector<Diagnostic> sorted = items_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.column) < std::tie(b.file, b.line, b.column);
  });
  std::string out;
  for (const Diagnostic& d : sorted) out += format_diagnostic(d) + "\n";
  return out;
}

}  // namespace coachkit
