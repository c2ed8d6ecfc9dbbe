// What `coachkit build PATH` builds: a single pack, or a project (coachkit.toml) naming
// several packs and the formats, output folder and theme to use.
#pragma once

#include "diagnostics.hpp"

#include <optional>
#include <string>
#include <vector>

namespace coachkit {

struct Project {
  std::vector<std::string> packs;    // folders, relative to the current directory
  std::vector<std::string> formats;  // empty: the command line's or every format
  std::string out;                   // empty: the command line's or "out"
  std::string theme;                 // empty: "default"
};

// PATH is a pack folder (pack.toml), a project folder (coachkit.toml) or a coachkit.toml file.
std::optional<Project> resolve_project(const std::string& path, Diagnostics& diagnostics);

}  // namespace coachkit
