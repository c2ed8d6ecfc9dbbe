// The date an output carries (DOCX and ODT properties, PDF metadata, zip entries): never the
// clock, so the same inputs give the same bytes. In order: SOURCE_DATE_EPOCH, as reproducible
// builds everywhere set it; the pack's own `date` in [pack]; the newest modification time
// among the pack's files.
#pragma once

#include "support/problem.hpp"

#include <coachkit/model.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace coachkit {

// `fallback_files`: files or folders whose newest modification time is the last resort
// (the pack's folder, or the plugin that carries the pack). A problem (origin Usage) when
// SOURCE_DATE_EPOCH is set but is not a number of seconds.
std::optional<Problem> source_date_for(const Pack& pack,
                                       const std::vector<std::string>& fallback_files,
                                       std::int64_t* date);

}  // namespace coachkit
