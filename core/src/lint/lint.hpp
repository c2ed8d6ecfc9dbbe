// `coachkit lint`: checks packs and projects and reports every problem as FILE:LINE:COL.
#pragma once

#include "support/install_layout.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace coachkit {

// PATHS are pack folders, project folders or coachkit.toml files; a project's packs given by id
// are looked up among installed and plugin-provided packs. 0 when all are clean, 1 otherwise.
int run_lint(const std::vector<std::string>& paths, const std::vector<std::string>& plugin_dirs,
             const InstallLayout& layout, std::ostream& out, std::ostream& err);

}  // namespace coachkit
