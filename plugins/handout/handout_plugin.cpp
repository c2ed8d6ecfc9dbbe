// The handout plugin: trainer handouts and worksheets (handout_generator.hpp) and slide decks
// (slides_generator.hpp), each in participant and trainer editions (edition.hpp).

#include "handout_generator.hpp"
#include "slides_generator.hpp"

#include <coachkit/plugin.hpp>

namespace {

using namespace coachkit;

GeneratorList create_generators() {
  GeneratorList list;
  list.push_back(std::make_unique<coachkit_handout::HandoutGenerator>());
  list.push_back(std::make_unique<coachkit_handout::SlidesGenerator>());
  return list;
}

const PluginDescriptor* handout_plugin() {
  static const PluginDescriptor descriptor =
      make_descriptor("handout", "0.2.0", "MIT",
                      "Trainer handouts and slide decks in participant and trainer editions: "
                      "principles, do's and don'ts, activities with worksheets, quotes",
                      create_generators);
  return &descriptor;
}

}  // namespace

COACHKIT_PLUGIN_ENTRY(handout_plugin)
