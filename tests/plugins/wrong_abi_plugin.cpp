// A test plugin built for a future major ABI: only a v2 entry point, which this host lacks.
#include <coachkit/plugin.hpp>

namespace {

const coachkit::PluginDescriptor* entry() {
  static const coachkit::PluginDescriptor d{sizeof(coachkit::PluginDescriptor),
                                            2,
                                            0,
                                            "test-wrong-abi",
                                            "9.0.0",
                                            "MIT",
                                            "made for ABI 2",
                                            nullptr};
  return &d;
}

}  // namespace

BOOST_DLL_ALIAS_SECTIONED(entry, coachkit_plugin_v2, coachkit)
