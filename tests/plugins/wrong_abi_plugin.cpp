// A test plugin as coachkit 0.1 built it: only an ABI 1 entry point, which this host lacks.
#include <coachkit/plugin.hpp>

static_assert(COACHKIT_ABI_MAJOR != 1, "this plugin fakes an ABI major the host does not speak");

namespace {

const coachkit::PluginDescriptor* entry() {
  static const coachkit::PluginDescriptor d{sizeof(coachkit::PluginDescriptor),
                                            1,
                                            0,
                                            "test-wrong-abi",
                                            "9.0.0",
                                            "MIT",
                                            "made for ABI 1",
                                            nullptr,
                                            nullptr};
  return &d;
}

}  // namespace

// ABI 1's entry symbol had no standard-library tag.
BOOST_DLL_ALIAS_SECTIONED(entry, coachkit_plugin_v1, coachkit)
