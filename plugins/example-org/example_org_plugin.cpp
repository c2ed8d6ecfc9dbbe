// Acme's coachkit plugin: the "Acme Way" pack, embedded from packs/acme-way by
// coachkit_add_plugin(... PACKS ...), and the wallet-card generator.
#include "wallet_card.hpp"

#include <coachkit/plugin.hpp>
#include <coachkit_embedded_packs.hpp>

#include <memory>

namespace {

coachkit::GeneratorList create_generators() {
  coachkit::GeneratorList generators;
  generators.push_back(std::make_unique<acme::WalletCard>());
  return generators;
}

const coachkit::PluginDescriptor* example_org_plugin() {
  static const coachkit::PluginDescriptor descriptor =
      coachkit::make_descriptor("example-org", "1.0.0", "CC-BY-4.0",
                                "Acme Customer Care: the Acme Way pack and a wallet card",
                                create_generators, coachkit_embedded_packs);
  return &descriptor;
}

}  // namespace

COACHKIT_PLUGIN_ENTRY(example_org_plugin)
