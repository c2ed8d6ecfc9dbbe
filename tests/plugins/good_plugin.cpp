// A well-behaved test plugin: one generator that makes one small document per pack.
#include <coachkit/plugin.hpp>

namespace {

class CardGenerator : public coachkit::Generator {
 public:
  std::string kind() const override { return "test-card"; }
  std::string description() const override { return "a card listing the pack's principles"; }
  std::vector<coachkit::Artifact> generate(const coachkit::Pack& pack,
                                           const coachkit::GeneratorRequest&,
                                           coachkit::Reporter&) const override {
    coachkit::Document d;
    d.title = "Card for " + pack.title;
    for (const coachkit::Principle& p : pack.principles) {
      d.blocks.push_back(coachkit::doc::paragraph(p.title));
    }
    return {coachkit::Artifact::rendered("cards/" + pack.id, d)};
  }
};

coachkit::GeneratorList create() {
  coachkit::GeneratorList list;
  list.push_back(std::make_unique<CardGenerator>());
  return list;
}

const coachkit::PluginDescriptor* entry() {
  static const coachkit::PluginDescriptor d =
      coachkit::make_descriptor("test-good", "1.2.3", "MIT", "a test plugin that works", create);
  return &d;
}

}  // namespace

COACHKIT_PLUGIN_ENTRY(entry)
