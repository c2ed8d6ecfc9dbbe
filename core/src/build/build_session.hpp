// `coachkit build`: from what the user asked for to outputs on disk. Resolves the project and its
// packs, the theme, formats and generator options, takes the output folder's lock, skips packs
// whose inputs have not changed since their last complete build, loads plugins and tools only
// when something has to be built, and builds each pack.
#pragma once

#include "support/install_layout.hpp"

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace coachkit {

struct BuildSettings {
  std::string path = ".";  // a pack folder, a project folder or a coachkit.toml
  std::string pack_id;     // build this installed or plugin-provided pack instead of PATH
  std::optional<std::string> out;
  std::vector<std::string> formats;
  std::vector<std::string> only;
  std::string theme;
  std::string size;  // --size: every generator that takes a `size` option prints at this size
  int jobs = 0;      // 0: one per core
  double timeout = 120;
  std::optional<std::uint64_t> seed;
  std::string edition;
  // Generator options from the command line, "KIND.KEY=VALUE" each (--set, --versions, …);
  // they win over the project file's [generators.KIND] tables.
  std::vector<std::string> option_settings;
  std::vector<std::string> plugin_dirs;
  bool progress = false;
  bool wait_for_lock = true;
};

// Exit status: 0 built, 1 content or usage error (nothing built), 2 a tool or plugin failed
// (everything else built). Results go to `out`, problems to `err`.
int run_build(const BuildSettings& settings, const InstallLayout& layout, std::ostream& out,
              std::ostream& err);

}  // namespace coachkit
