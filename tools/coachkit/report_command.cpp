// coachkit report RUBRIC EVALUATION… [--agent NAME] [--format html,pdf,docx] [--out DIR]
#include "commands.hpp"
#include "qa/coaching_report.hpp"
#include "support/diagnostics.hpp"

#include <iostream>
#include <memory>

namespace coachkit::cli {

namespace {

// Each file made ("PATH: AGENT", "(unchanged)" when it was up to date), the problems, and, when
// every report is in place, how many there are; the exit status.
int print_reports(const ReportRequest& request, const CoachingReports& made, ProblemReport report) {
  std::size_t written = 0, unchanged = 0;
  for (const ReportFile& file : made.files) {
    std::cout << file.path << ": " << escape_control_characters(file.agent)
              << (file.unchanged ? " (unchanged)" : "") << "\n";
    file.unchanged ? ++unchanged : ++written;
  }
  report.add(made);
  if (made.stopped_by || made.has_errors()) return report.finish();
  std::cout << written << (written == 1 ? " report" : " reports") << " of " << made.agents
            << (made.agents == 1 ? " agent" : " agents") << " written to "
            << escape_control_characters(request.out)
            << (unchanged ? ", " + std::to_string(unchanged) + " unchanged" : "") << "\n";
  return report.finish();
}

}  // namespace

void add_report_command(CLI::App& app, CommandLine& cli) {
  auto request = std::make_shared<ReportRequest>();
  auto formats = std::make_shared<std::string>("html");
  CLI::App* report = app.add_subcommand(
      "report", "a coaching report per agent: scores over time, strengths, what to work on");
  report
      ->add_option("rubric", request->rubric,
                   "a rubric file, PACK_DIR:RUBRIC_ID or PACK_ID:RUBRIC_ID")
      ->required()
      ->type_name("RUBRIC");
  report->add_option("evaluations", request->evaluations, "evaluation files or folders of them")
      ->required()
      ->type_name("EVALUATION");
  report->add_option("--agent", request->agent, "only this agent's report")->type_name("NAME");
  report->add_option("--format", *formats, "html, pdf, docx (comma-separated)")
      ->type_name("FORMATS")
      ->capture_default_str();
  report->add_option("--theme", request->theme, "a theme name or folder")->capture_default_str();
  report->add_option("--out", request->out, "where to write the reports")
      ->type_name("DIR")
      ->capture_default_str();
  report->callback([&cli, request, formats] {
    request->formats.clear();
    std::string list = *formats + ",";
    for (std::size_t start = 0, comma; (comma = list.find(',', start)) != std::string::npos;
         start = comma + 1) {
      std::string name = list.substr(start, comma - start);
      if (name.empty()) continue;
      std::optional<Format> f = parse_format(name);
      if (!f || (*f != Format::Html && *f != Format::Pdf && *f != Format::Docx)) {
        cli.status =
            ProblemReport(cli.json_problems)
                .stop(usage_error("--format takes html, pdf and docx, not '" + name + "'"));
        return;
      }
      request->formats.push_back(*f);
    }
    Workspace workspace(cli.layout, cli.plugin_dirs);
    cli.status = print_reports(*request, make_coaching_reports(*request, workspace),
                               ProblemReport(cli.json_problems));
  });
}

}  // namespace coachkit::cli
