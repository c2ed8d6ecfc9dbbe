#include "toml_text.hpp"

#include "toml_limits.hpp"

namespace coachkit {

std::optional<toml::table> parse_toml(std::string_view text, const std::string& display,
                                      Diagnostics& diagnostics) {
  Diagnostic problem;
  // The parser recurses on deep keys and nesting; refuse those before it sees them.
  if (!within_toml_limits(text, display, &problem)) {
    diagnostics.add(std::move(problem));
    return std::nullopt;
  }
  try {
    return toml::parse(text, display);
  } catch (const toml::parse_error& e) {
    const toml::source_region& r = e.source();
    diagnostics.add(display, static_cast<int>(r.begin.line), static_cast<int>(r.begin.column),
                    "invalid TOML: " + std::string(e.description()));
  }
  return std::nullopt;
}

}  // namespace coachkit
