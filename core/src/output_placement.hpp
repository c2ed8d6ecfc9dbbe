// Where a build may write: never inside a pack it reads. Outputs inside the pack would be read
// back as content by the next build and lint, and a pack is not the builder's to change.
#pragma once

#include <string>

namespace coachkit {

// False, with a message in `*error`, when the pack's outputs (OUT/PACK_ID, or OUT itself while
// the id is not known yet: `pack_id` "") would lie inside `pack_folder` (symbolic links
// followed). Nothing is read or written.
bool output_outside_pack(const std::string& out_directory, const std::string& pack_folder,
                         const std::string& pack_id, std::string* error);

}  // namespace coachkit
