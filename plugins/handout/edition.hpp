// Participant and trainer editions. Facilitator notes, timings, materials and suggested
// answers are the trainer's: a participant's document never carries them. With no edition
// asked for, both are made; the trainer's sit under trainer/, so the participant's keep the
// plain names a trainer prints and hands out.
#pragma once

#include <coachkit/generator.hpp>

#include <string>
#include <vector>

namespace coachkit_handout {

enum class Edition { Participant, Trainer };

// The editions a request asks for; false, reported as a content error, when it names one that
// does not exist.
inline bool editions_for(const coachkit::GeneratorRequest& request, coachkit::Reporter& reporter,
                         std::vector<Edition>* out) {
  if (request.edition.empty()) {
    *out = {Edition::Participant, Edition::Trainer};
  } else if (request.edition == "participant") {
    *out = {Edition::Participant};
  } else if (request.edition == "trainer") {
    *out = {Edition::Trainer};
  } else {
    reporter.error(coachkit::SourcePosition{},
                   "unknown edition '" + request.edition + "' (expected participant or trainer)");
    return false;
  }
  return true;
}

// Where an edition's output named `name` goes: "handouts/respect" or "trainer/handouts/respect".
inline std::string edition_path(Edition edition, const std::string& name) {
  return edition == Edition::Trainer ? "trainer/" + name : name;
}

}  // namespace coachkit_handout
