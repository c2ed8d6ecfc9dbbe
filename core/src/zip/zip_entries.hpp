// Edits text entries of a zip archive (an ODT's content.xml, a DOCX's word/document.xml) in
// place. Entries that are not edited are copied byte for byte, compressed as they were; an
// edited entry is stored uncompressed, so its bytes depend on nothing but its text.
#pragma once

#include "support/problem.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace coachkit {

// Calls `edit` with the text of each entry named in `names` that the archive holds; `edit`
// returns true when it changed the text. A problem when the archive cannot be read (e.g.
// ZIP64, an unknown compression), in which case the file is left unchanged.
std::optional<Problem> edit_zip_entries(
    const std::string& path, const std::vector<std::string>& names,
    const std::function<bool(const std::string& name, std::string* text)>& edit);

}  // namespace coachkit
