// Where themes are found, by name or folder, and which ones a pack's posters may choose: one
// lookup for `build` and `lint`, so both accept and refuse the same theme names.
#pragma once

#include "diagnostics.hpp"
#include "install_layout.hpp"

#include <coachkit/model.hpp>

#include <string>
#include <utility>
#include <vector>

namespace coachkit {

// A theme folder, given as a path (with a slash) or by name: installed themes first, then
// content/themes/NAME beside the pack's folder. "" when there is none.
std::string find_theme(const std::string& theme, const std::string& pack_directory,
                       const InstallLayout& layout);

// The themes a name may choose, for messages: "themes: classic, default, modern".
std::string theme_names(const std::string& pack_directory, const InstallLayout& layout);

// The themes the pack's posters name beside `build_theme` (name, folder); a name that is no
// theme is a problem at the poster's `theme`.
std::vector<std::pair<std::string, std::string>> poster_themes(const Pack& pack,
                                                               const std::string& pack_directory,
                                                               const std::string& build_theme,
                                                               const InstallLayout& layout,
                                                               Diagnostics& diagnostics);

}  // namespace coachkit
