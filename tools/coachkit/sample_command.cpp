// coachkit sample INTERACTIONS.csv --per-agent N [--period week|month] --seed S
#include "commands.hpp"
#include "qa/sampling.hpp"

#include <iostream>
#include <map>
#include <memory>

namespace coachkit::cli {

void add_sample_command(CLI::App& app, CommandLine& cli) {
  auto request = std::make_shared<SampleRequest>();
  CLI::App* sample = app.add_subcommand(
      "sample", "pick interactions to evaluate, spread over each agent's period, by a seed");
  sample->add_option("interactions", request->csv, "a CSV with interaction, agent and date columns")
      ->required()
      ->type_name("INTERACTIONS.csv");
  sample->add_option("--per-agent", request->per_agent, "interactions per agent (and period)")
      ->required()
      ->type_name("N")
      ->check(CLI::Range(1, 1000000));
  std::map<std::string, SamplePeriod> periods = {{"week", SamplePeriod::Week},
                                                 {"month", SamplePeriod::Month}};
  sample->add_option("--period", request->period, "N per agent per week or per month")
      ->type_name("week|month")
      ->transform(CLI::CheckedTransformer(periods, CLI::ignore_case));
  sample->add_option("--seed", request->seed, "the same seed gives the same plan")
      ->required()
      ->type_name("S");
  sample->callback([&cli, request] { cli.status = run_sample(*request, std::cout, std::cerr); });
}

}  // namespace coachkit::cli
