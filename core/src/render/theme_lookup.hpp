// Where themes are found, by name or folder, and which ones a pack's posters may choose: one
// lookup for `build` and `lint`, so both accept and refuse the same theme names.
#pragma once

#include "support/diagnostics.hpp"
#include "support/install_layout.hpp"

#include <coachkit/model.hpp>

#include <string>
#include <utility>
#include <vector>

namespace coachkit {

// The build's theme, which the user chose (command line or project file): a folder given as a
// path (with a slash), or a name: installed themes first, then the pack's own themes/NAME,
// then content/themes/NAME beside the pack's folder. "" when there is none.
std::string find_theme(const std::string& theme, const std::string& pack_directory,
                       const InstallLayout& layout);

// A theme the pack itself chooses (a poster's `theme`): a plain name, an installed theme or
// PACK/themes/NAME whose folder and files all lie inside the pack. "" when there is none; a
// theme inside the pack that reaches outside it sets `*outside`.
std::string find_pack_theme(const std::string& theme, const std::string& pack_directory,
                            const InstallLayout& layout, bool* outside = nullptr);

// A name with no path in it: letters, digits, '-', '_' and '.', not starting with '.'.
bool is_plain_theme_name(const std::string& name);

// The themes a poster may choose, for messages: "themes: classic, default, modern".
std::string theme_names(const std::string& pack_directory, const InstallLayout& layout);

// The themes the pack's posters name beside `build_theme` (name, folder); a name that is no
// theme the pack may choose is a problem at the poster's `theme`.
std::vector<std::pair<std::string, std::string>> poster_themes(const Pack& pack,
                                                               const std::string& pack_directory,
                                                               const std::string& build_theme,
                                                               const InstallLayout& layout,
                                                               Diagnostics& diagnostics);

}  // namespace coachkit
