// coachkit sample INTERACTIONS.csv --per-agent N [--period week|month] --seed S
#include "commands.hpp"
#include "qa/sampling.hpp"

#include <coachkit/escape.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

namespace coachkit::cli {

namespace {

struct SampleRequest {
  std::string csv;
  int per_agent = 1;
  SamplePeriod period = SamplePeriod::All;
  std::uint64_t seed = 0;
};

// Prints the plan as CSV (agent, period, interaction, date); 1 on a problem in the file.
int run_sample(const SampleRequest& request, ProblemReport& report) {
  Diagnostics diagnostics;
  std::error_code ec;
  std::uintmax_t size = std::filesystem::file_size(request.csv, ec);
  if (ec || size > (256u << 20)) {
    return report.stop(Problem(request.csv, 0, 0,
                               ec ? "cannot read the file: " + ec.message()
                                  : std::string("the file is larger than 256 MiB")));
  }
  std::ifstream in(request.csv, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CsvTable csv = parse_csv(text, request.csv, diagnostics);
  std::vector<Interaction> interactions = read_interactions(csv, request.csv, diagnostics);
  if (!diagnostics.empty()) {
    report.add(diagnostics);
    return report.finish();
  }
  std::cout << "agent,period,interaction,date\r\n";
  for (const SampledInteraction& s :
       sample_interactions(interactions, request.per_agent, request.period, request.seed)) {
    std::cout << escape::csv(s.interaction.agent) << "," << s.period << ","
        << escape::csv(s.interaction.id) << "," << s.interaction.date << "\r\n";
  }
  return report.finish();
}

}  // namespace

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
  sample->callback([&cli, request] {
    ProblemReport report(cli.json_problems);
    cli.status = run_sample(*request, report);
  });
}

}  // namespace coachkit::cli
