// The rubric generator: for each rubric of a pack, a printable analytic scorecard and a blank
// evaluation file to fill in and score with `coachkit score`.

#include "evaluation_template.hpp"
#include "scorecard.hpp"

#include <coachkit/plugin.hpp>

namespace {

using namespace coachkit;

class RubricGenerator : public Generator {
 public:
  std::string kind() const override { return "rubric"; }
  std::string description() const override {
    return "a printable scorecard and a blank evaluation file per rubric";
  }
  std::vector<Artifact> generate(const Pack& pack, const GeneratorRequest& request,
                                 Reporter&) const override {
    std::vector<Artifact> out;
    for (const Rubric& r : pack.rubrics) {
      PageSetup landscape;  // the build's paper turned: room for a column per level
      landscape.width_mm = request.paper.width_mm;
      landscape.height_mm = request.paper.height_mm;
      landscape.landscape = true;
      landscape.margin_mm = 12;
      out.push_back(
          Artifact::rendered("rubrics/" + r.id, rubric_plugin::scorecard(pack, r), {}, landscape));
      out.push_back(Artifact::file("rubrics/" + r.id + "-evaluation.toml",
                                   rubric_plugin::evaluation_template(pack, r)));
    }
    return out;
  }
};

GeneratorList create_generators() {
  GeneratorList list;
  list.push_back(std::make_unique<RubricGenerator>());
  return list;
}

const PluginDescriptor* rubric_plugin_descriptor() {
  static const PluginDescriptor descriptor = make_descriptor(
      "rubric", "0.1.0", "MIT",
      "QA rubrics: printable analytic scorecards and blank evaluation files", create_generators);
  return &descriptor;
}

}  // namespace

COACHKIT_PLUGIN_ENTRY(rubric_plugin_descriptor)
