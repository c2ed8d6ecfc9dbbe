// coachkit lint PATH…
#include "commands.hpp"
#include "lint/quiz_lint.hpp"
#include "pack/project.hpp"
#include "qa/rubric_checks.hpp"
#include "render/font_coverage.hpp"
#include "render/theme_lookup.hpp"
#include "workspace/workspace.hpp"

#include <iostream>
#include <memory>

namespace coachkit::cli {

namespace {

// PATHS are pack folders, project folders or coachkit.toml files; a project's packs given by id
// are looked up among installed and plugin-provided packs (plugins are loaded only then). 0 when
// all are clean, 1 otherwise.
int run_lint(const std::vector<std::string>& paths, Workspace& workspace, ProblemReport& report) {
  const InstallLayout& layout = workspace.layout();
  for (const std::string& path : paths) {
    Diagnostics diagnostics;
    std::optional<Project> project = resolve_project(path, diagnostics);
    if (project) {
      for (const PackReference& reference : project->packs) {
        std::shared_ptr<const Pack> pack;
        std::string name = reference.folder;
        if (!reference.folder.empty()) {
          pack = workspace.pack(reference.folder, diagnostics);
        } else {
          const CatalogEntry* entry = workspace.find(reference, diagnostics);
          if (!entry) continue;
          name = entry->origin();
          pack = std::make_shared<const Pack>(entry->pack);
        }
        if (pack) {
          std::size_t before = diagnostics.size();
          for (const Rubric& rubric : pack->rubrics) check_rubric(rubric, diagnostics);
          // As `build` does: each poster's theme must exist, and a character that no font of
          // the project's theme shows is a warning.
          std::string theme_name = project->theme.empty() ? "default" : project->theme;
          poster_themes(*pack, reference.folder, theme_name, layout, diagnostics);
          Theme theme;
          std::string theme_directory = find_theme(theme_name, reference.folder, layout);
          if (!theme_directory.empty() && !workspace.theme(theme_directory, &theme)) {
            report.add(coverage_warnings(*pack, theme.css));
          }
          report.flush();
          if (diagnostics.size() == before) {
            std::cout << name << ": ok (" << pack->principles.size() << " principles, "
                      << pack->activities.size() << " activities, " << pack->quotes.size()
                      << " quotes, " << pack->questions.size() << " questions, "
                      << pack->rubrics.size() << " rubrics, " << pack->posters.size()
                      << " posters)\n";
          }
          for (const Problem& w : question_warnings(*pack)) report.add(w);
          report.flush();
        }
      }
    }
    if (!diagnostics.empty()) {
      report.add(diagnostics);
      report.add(note(std::to_string(diagnostics.size()) +
                      (diagnostics.size() == 1 ? " problem" : " problems") + " in " + path));
      report.flush();
    }
  }
  return report.finish();
}

}  // namespace

void add_lint_command(CLI::App& app, CommandLine& cli) {
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* lint = app.add_subcommand("lint", "check packs; problems as FILE:LINE:COL: message");
  lint->add_option("paths", *paths, "pack folders or projects")->required()->type_name("PATH");
  lint->callback([&cli, paths] {
    Workspace workspace(cli.layout, cli.plugin_dirs);
    ProblemReport report(cli.json_problems);
    cli.status = run_lint(*paths, workspace, report);
  });
}

}  // namespace coachkit::cli
