// A test plugin that claims a newer minor ABI than the host speaks: it may rely on features
// the host lacks, so the host must refuse it after reading its descriptor.
#include <coachkit/plugin.hpp>

#include <stdexcept>

namespace {

coachkit::GeneratorList create() { throw std::logic_error("must never be called"); }

const coachkit::PluginDescriptor* entry() {
  static const coachkit::PluginDescriptor d{sizeof(coachkit::PluginDescriptor),
                                            coachkit::kAbiMajor,
                                            coachkit::kAbiMinor + 7,
                                            "test-newer-minor",
                                            "1.0.0",
                                            "MIT",
                                            "made for a newer host",
                                            create,
                                            nullptr};
  return &d;
}

}  // namespace

COACHKIT_PLUGIN_ENTRY(entry)
