// A test plugin whose generator throws: the host must report it and build everything else.
#include <coachkit/plugin.hpp>

#include <stdexcept>

namespace {

class ThrowingGenerator : public coachkit::Generator {
 public:
  std::string kind() const override { return "test-throwing"; }
  std::string description() const override { return "always fails"; }
  std::vector<coachkit::Artifact> generate(const coachkit::Pack&, const coachkit::GeneratorRequest&,
                                           coachkit::Reporter&) const override {
    throw std::runtime_error("the test plugin broke on purpose");
  }
};

coachkit::GeneratorList create() {
  coachkit::GeneratorList list;
  list.push_back(std::make_unique<ThrowingGenerator>());
  return list;
}

const coachkit::PluginDescriptor* entry() {
  static const coachkit::PluginDescriptor d =
      coachkit::make_descriptor("test-throwing", "0.0.1", "MIT", "throws when asked", create);
  return &d;
}

}  // namespace

COACHKIT_PLUGIN_ENTRY(entry)
