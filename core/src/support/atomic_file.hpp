// Writing outputs so that readers only ever see complete files: write a temporary sibling,
// then rename it over the destination.
#pragma once

#include "support/problem.hpp"

#include <optional>
#include <string>

namespace coachkit {

// A hidden, unique sibling of `destination` to write into before the rename.
std::string temporary_path_for(const std::string& destination);

// Renames `temporary` to `destination` (creating nothing else); a problem (origin Tool) when
// that fails, the temporary file then removed.
std::optional<Problem> commit_file(const std::string& temporary, const std::string& destination);

// Writes `contents` to `destination` through a temporary file.
std::optional<Problem> write_file_atomically(const std::string& destination,
                                             const std::string& contents);

// Removes temporary files that an earlier, killed run may have left below `directory`.
void remove_stale_temporaries(const std::string& directory);

}  // namespace coachkit
