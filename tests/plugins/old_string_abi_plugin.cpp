// A test plugin built with the old (pre-C++11) libstdc++ string ABI (tests/CMakeLists.txt adds
// -D_GLIBCXX_USE_CXX11_ABI=0): its std::string is not the host's, so the host must refuse it
// from its entry symbol's name, before loading it.
#include <coachkit/plugin.hpp>

#include <stdexcept>

static_assert(_GLIBCXX_USE_CXX11_ABI == 0, "this plugin must be built with the old string ABI");

namespace {

coachkit::GeneratorList create() { throw std::logic_error("must never be called"); }

const coachkit::PluginDescriptor* entry() {
  static const coachkit::PluginDescriptor d = coachkit::make_descriptor(
      "test-old-string-abi", "1.0.0", "MIT", "built with the old string ABI", create);
  return &d;
}

}  // namespace

COACHKIT_PLUGIN_ENTRY(entry)
