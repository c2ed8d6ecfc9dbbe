// What `coachkit build PATH` builds: a single pack, or a project (coachkit.toml) naming several
// packs (folders, or ids of packs that plugins or the installation provide) and the formats,
// output folder, theme, seed and generator options to use.
#pragma once

#include "support/diagnostics.hpp"

#include <coachkit/model.hpp>

#include <toml++/toml.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace coachkit {

// One pack a project builds: a folder, or the id of a provided pack.
struct PackReference {
  std::string folder;  // relative to the current directory; "" for an id
  std::string id;      // "" for a folder
  SourcePosition where;
};

struct Project {
  std::string file;  // coachkit.toml as shown in messages; "" when PATH was a pack folder
  std::vector<PackReference> packs;
  std::vector<std::string> formats;  // empty: the command line's or every format
  std::string out;                   // empty: the command line's or "out"
  std::string theme;                 // empty: "default"
  std::optional<std::uint64_t> seed;
  std::string edition;
  std::string paper;  // "a4", "letter" or "": each pack's own choice
  // Who presents the material ("Acme Customer Care"): named instead of each pack's authors on
  // the title slide, the handouts' byline and every document's author field. "": the authors.
  std::string organisation;
  // The [generators] table ([generators.KIND] options), read once the plugins are known.
  std::shared_ptr<const toml::table> root;
};

// PATH is a pack folder (pack.toml), a project folder (coachkit.toml) or a coachkit.toml file.
std::optional<Project> resolve_project(const std::string& path, Diagnostics& diagnostics);

}  // namespace coachkit
