// Sets the date of every entry of a zip archive (an ODT file) to one moment. pandoc 2.17 takes
// the dates of an ODT's entries from the clock even when SOURCE_DATE_EPOCH is set, so without
// this the same document gives different bytes from run to run. Only the date fields change:
// entries are not recompressed, and sizes and offsets stay as they are.
#pragma once

#include "support/problem.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace coachkit {

// Rewrites the archive at `path` in place; a problem when it is not a zip archive this can read
// (e.g. ZIP64), in which case the file is left unchanged.
std::optional<Problem> set_zip_entry_dates(const std::string& path, std::int64_t epoch_seconds);

}  // namespace coachkit
