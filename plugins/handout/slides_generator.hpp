// The slides generator: a pptx deck per pack, for the trainer to project. A title slide, a
// section slide per principle group, one slide per principle with its do's and don'ts side by
// side, and an activity's goal, steps and discussion. In the trainer's edition each slide's speaker
// notes carry what the trainer says or needs (the principle's body and the why of each behavior;
// an activity's time, materials, facilitator notes and suggested answers); the participant's deck
// has no notes.
#pragma once

#include <coachkit/generator.hpp>

namespace coachkit_handout {

class SlidesGenerator : public coachkit::Generator {
 public:
  std::string kind() const override;
  std::string description() const override;
  std::vector<coachkit::Artifact> generate(const coachkit::Pack& pack,
                                           const coachkit::GeneratorRequest& request,
                                           coachkit::Reporter& reporter) const override;
};

}  // namespace coachkit_handout
