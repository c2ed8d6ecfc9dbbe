// Where a build may write: never into the folder of a pack it reads. Outputs mixed with the
// pack's files would be read back as content by the next build and lint.
#pragma once

#include <string>

namespace coachkit {

// False, with a message in `*error`, when the pack's outputs folder (OUT/PACK_ID) is the pack's
// own folder or holds it (symbolic links followed), as --out PACK/.. does when the folder is
// named like the pack id. Nothing is read or written.
bool output_outside_pack(const std::string& out_directory, const std::string& pack_folder,
                         const std::string& pack_id, std::string* error);

}  // namespace coachkit
