// TOML text to a table, or one diagnostic at the position of the first problem. The only
// place coachkit parses TOML: every reader and the project file go through it, and so can a
// fuzz target, with no file system involved.
#pragma once

#include "diagnostics.hpp"

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>

namespace coachkit {

// `display` names the text in messages (a file name as the user would write it).
std::optional<toml::table> parse_toml(std::string_view text, const std::string& display,
                                      Diagnostics& diagnostics);

}  // namespace coachkit
