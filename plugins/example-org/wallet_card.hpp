// The wallet card: a two-sided card the size of a credit card (85.6 x 54 mm), as PDF only.
// The front lists the principles by title; the back lists their do's. Short enough to fit:
// titles only on the front, and a few do's per principle on the back.
#pragma once

#include <coachkit/plugin.hpp>

namespace acme {

class WalletCard : public coachkit::Generator {
 public:
  std::string kind() const override { return "wallet-card"; }
  std::string description() const override;
  std::vector<coachkit::OptionSpec> options() const override;
  std::vector<coachkit::Artifact> generate(const coachkit::Pack& pack,
                                           const coachkit::GeneratorRequest& request,
                                           coachkit::Reporter& reporter) const override;
};

}  // namespace acme
