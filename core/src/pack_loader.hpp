// Loads a content pack folder into a validated Pack, or reports every problem in it.
#pragma once

#include "diagnostics.hpp"

#include <coachkit/model.hpp>

#include <optional>
#include <string>

namespace coachkit {

// A pack is valid or it is not loaded: on any problem this returns nullopt, and `diagnostics`
// holds all of them, each with file, line and column. File names in messages are `directory`
// joined with the file's path inside the pack, as the user typed it.
std::optional<Pack> load_pack(const std::string& directory, Diagnostics& diagnostics);

// Whether `directory` looks like a pack (it has a pack.toml).
bool is_pack_directory(const std::string& directory);

}  // namespace coachkit
