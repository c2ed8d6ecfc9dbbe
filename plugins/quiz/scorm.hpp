// SCORM packages of the self-check quiz: SCORM 1.2 and SCORM 2004 4th edition, one zip per quiz
// version with the self-check page as its one SCO, scorm.js (scorm_runtime.cpp) to talk to the
// LMS, and the pack's handouts (HTML and PDF) that the same build made, as assets. A package is a
// derived output: planned in generate(), made by the core once the handouts are in place.
#pragma once

#include "quiz.hpp"

#include <coachkit/artifact.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace quiz {

enum class ScormEdition { V12, V2004 };

// What a package is made of besides the handouts, worked out in generate() (it holds no
// reference to the pack: the core makes the zip later).
struct ScormPackage {
  ScormEdition edition = ScormEdition::V12;
  std::string id;        // from the pack, the version and the seed alone
  std::string title;     // the organization's and the item's, as text
  double passing = 80;   // percent of the points
  std::string language;  // the pack's
  std::string pack_id;
  std::string page_before;                            // index.html up to its SCORM configuration
  std::string page_after;                             // and after it
  std::map<std::string, std::string> handout_titles;  // output name -> what its link says
};

ScormPackage scorm_package(const coachkit::Pack& pack, const Version& version,
                           const std::string& title, ScormEdition edition, double passing_percent,
                           std::uint64_t seed);

// The outputs of the same build a package takes in: the principles' handouts and the pack's.
std::vector<std::string> scorm_handout_patterns(const coachkit::Pack& pack);

// The package's bytes: imsmanifest.xml at its root (the SCO, and each handout as an asset
// resource), index.html, scorm.js and the handouts under their output names, entries dated
// `source_date`. The same inputs give the same bytes.
std::string scorm_zip(const ScormPackage& package,
                      const std::vector<coachkit::UsedOutput>& handouts, std::int64_t source_date);

// scorm.js: the run-time glue.
const char* scorm_runtime_script();

}  // namespace quiz
