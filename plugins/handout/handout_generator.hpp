// The handout generator: a handout per principle and one for the whole pack, each with the
// principle's do's and don'ts side by side (always with the why), the activities that practise
// it and a quote; and a worksheet per activity (a grid to score, prompts and debrief questions
// with lines to write on). Participant and trainer editions (edition.hpp).
#pragma once

#include <coachkit/generator.hpp>

namespace coachkit_handout {

class HandoutGenerator : public coachkit::Generator {
 public:
  std::string kind() const override;
  std::string description() const override;
  std::vector<coachkit::OptionSpec> options() const override;
  std::vector<coachkit::Artifact> generate(const coachkit::Pack& pack,
                                           const coachkit::GeneratorRequest& request,
                                           coachkit::Reporter& reporter) const override;
};

}  // namespace coachkit_handout
