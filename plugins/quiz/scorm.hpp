// SCORM packages of the self-check quiz: SCORM 1.2 and SCORM 2004 4th edition, one zip per quiz
// version with the self-check page as its one SCO and scorm.js (scorm_runtime.cpp) to talk to
// the LMS.
#pragma once

#include "quiz.hpp"

#include <cstdint>
#include <string>

namespace quiz {

enum class ScormEdition { V12, V2004 };

// The package's bytes: imsmanifest.xml at its root, the SCO (index.html) and scorm.js, entries
// dated `source_date`. Identifiers come from the pack, the version and the seed alone, so a
// re-upload of the same seed's package replaces the module it made before.
std::string scorm_zip(const coachkit::Pack& pack, const Version& version, const std::string& title,
                      ScormEdition edition, double passing_percent, std::uint64_t seed,
                      std::int64_t source_date);

// scorm.js: the run-time glue.
const char* scorm_runtime_script();

}  // namespace quiz
