// Where a build may write: never into the folder of a pack it reads. Outputs mixed with the
// pack's files would be read back as content by the next build and lint.
#pragma once

#include "support/problem.hpp"

#include <optional>
#include <string>

namespace coachkit {

// A problem (origin Usage: --out chose the folder) when the pack's outputs folder (OUT/PACK_ID)
// is the pack's own folder or holds it (symbolic links followed), as --out PACK/.. does when
// the folder is named like the pack id. Nothing is read or written.
std::optional<Problem> output_outside_pack(const std::string& out_directory,
                                           const std::string& pack_folder,
                                           const std::string& pack_id);

}  // namespace coachkit
