// coachkit calibrate RUBRIC EVALUATION… [--expert NAME] [--json]
#include "commands.hpp"
#include "qa/calibrate.hpp"

#include <iostream>
#include <memory>

namespace coachkit::cli {

void add_calibrate_command(CLI::App& app, CommandLine& cli) {
  auto settings = std::make_shared<CalibrateSettings>();
  CLI::App* calibrate = app.add_subcommand(
      "calibrate",
      "how far evaluators agree on the same interactions: per criterion and overall, chance "
      "corrected, and each evaluator against the consensus or an expert");
  calibrate
      ->add_option("rubric", settings->rubric,
                   "the rubric: a rubric file, PACK_DIR:rubric-id or pack-id:rubric-id")
      ->required()
      ->type_name("RUBRIC");
  calibrate->add_option("evaluations", settings->evaluations, "evaluation files or folders")
      ->required()
      ->type_name("EVALUATION");
  calibrate
      ->add_option("--expert", settings->expert,
                   "also compare every evaluator with this one: deviation, alignment score, "
                   "critical disagreements")
      ->type_name("NAME");
  calibrate->add_flag("--json", settings->json, "print the report as JSON");
  calibrate->callback([&cli, settings] {
    settings->plugin_dirs = cli.plugin_dirs;
    cli.status = run_calibrate(*settings, cli.layout, std::cout, std::cerr);
  });
}

}  // namespace coachkit::cli
