// Loads a content pack into a validated Pack, or reports every problem in it. The files come
// through PackFiles (a folder, or text a plugin embeds); readers/ holds one reader per kind.
#pragma once

#include "pack/pack_files.hpp"
#include "support/diagnostics.hpp"

#include <coachkit/model.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace coachkit {

// A pack is valid or it is not loaded: on any problem this returns nullopt, and `diagnostics`
// holds all of them, each with file, line and column as `files` names them. When pack.toml
// is missing, unreadable, empty or has no [pack] table, that is the only problem reported.
// The files of a folder are read and parsed on `threads` threads (0: one per core), and
// checked one after another in name order: the problems, and their order, are the same
// whatever the number.
std::optional<Pack> load_pack(const PackFiles& files, Diagnostics& diagnostics,
                              std::size_t threads = 0);

// The pack in the folder `directory`; messages name files by `directory` joined with the
// file's path inside the pack, as the user typed it.
std::optional<Pack> load_pack(const std::string& directory, Diagnostics& diagnostics);

// Whether `directory` looks like a pack (it has a pack.toml).
bool is_pack_directory(const std::string& directory);

}  // namespace coachkit
