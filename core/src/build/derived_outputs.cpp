#include "build/derived_outputs.hpp"

#include <exception>

namespace coachkit {

bool output_pattern_matches(const std::string& pattern, const std::string& name) {
  // Iterative glob with one backtracking point, the last '*' seen (it cannot cross a '/').
  std::size_t p = 0, n = 0, star = std::string::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (p < pattern.size() && name[n] != '/' &&
               (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '/' && name[n] == '/') {
      ++p;
      ++n;
    } else if (star != std::string::npos && name[resume] != '/') {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::optional<Problem> make_derived(const Artifact& planned, const std::vector<UsedOutput>& used,
                                    Artifact* made, Reporter& reporter) {
  *made = planned;
  auto threw = [](std::string message) {
    return Problem(SourcePosition{}, std::move(message), Severity::Error, Origin::Plugin);
  };
  try {
    planned.make(used, *made, reporter);
  } catch (const std::exception& e) {
    return threw(std::string("it threw: ") + e.what());
  } catch (...) {
    return threw("it threw something that is not a std::exception");
  }
  made->name = planned.name;
  made->kind = planned.kind;
  made->formats = planned.formats;
  made->page = planned.page;
  made->theme = planned.theme;
  made->where = planned.where;
  made->uses.clear();
  made->make = nullptr;
  return std::nullopt;
}

}  // namespace coachkit
