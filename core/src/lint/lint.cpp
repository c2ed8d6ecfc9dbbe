#include "lint/lint.hpp"

#include "render/font_coverage.hpp"
#include "pack/pack_catalog.hpp"
#include "pack/pack_loader.hpp"
#include "hosting/plugin_host.hpp"
#include "pack/project.hpp"
#include "qa/rubric_checks.hpp"
#include "lint/quiz_lint.hpp"
#include "render/renderer.hpp"
#include "render/theme_lookup.hpp"

#include <memory>
#include <ostream>

namespace coachkit {

int run_lint(const std::vector<std::string>& paths, const std::vector<std::string>& plugin_dirs,
             const InstallLayout& layout, std::ostream& out, std::ostream& err) {
  int status = 0;
  std::unique_ptr<PluginHost> host;  // only when a project names a pack by id
  std::vector<CatalogEntry> catalog;
  for (const std::string& path : paths) {
    Diagnostics diagnostics;
    std::optional<Project> project = resolve_project(path, diagnostics);
    if (project) {
      for (const PackReference& reference : project->packs) {
        std::optional<Pack> pack;
        std::string name = reference.folder;
        if (!reference.folder.empty()) {
          pack = load_pack(reference.folder, diagnostics);
        } else {
          if (!host) {
            host = std::make_unique<PluginHost>();
            for (const std::string& dir : plugin_search_path(plugin_dirs, layout.plugins())) {
              host->load_directory(dir);
            }
            catalog = list_packs(layout, *host, diagnostics);
          }
          const CatalogEntry* entry = find_pack(catalog, reference, diagnostics);
          if (!entry) continue;
          name = entry->origin();
          pack = entry->pack;
        }
        if (pack) {
          std::size_t before = diagnostics.size();
          for (const Rubric& rubric : pack->rubrics) check_rubric(rubric, diagnostics);
          // As `build` does: each poster's theme must exist, and a character that no font of
          // the project's theme shows is a warning.
          std::string theme_name = project->theme.empty() ? "default" : project->theme;
          poster_themes(*pack, reference.folder, theme_name, layout, diagnostics);
          Theme theme;
          std::string error;
          std::string theme_directory = find_theme(theme_name, reference.folder, layout);
          if (!theme_directory.empty() && load_theme(theme_directory, &theme, &error)) {
            write_coverage_warnings(*pack, theme.css, err);
          }
          if (diagnostics.size() == before) {
            out << name << ": ok (" << pack->principles.size() << " principles, "
                << pack->activities.size() << " activities, " << pack->quotes.size() << " quotes, "
                << pack->questions.size() << " questions, " << pack->rubrics.size() << " rubrics, "
                << pack->posters.size() << " posters)\n";
          }
          for (const Diagnostic& w : question_warnings(*pack)) {
            Diagnostic shown = w;
            shown.message = "warning: " + w.message;
            err << format_diagnostic(shown) << "\n";
          }
        }
      }
    }
    if (!diagnostics.empty()) {
      err << diagnostics.to_string();
      err << diagnostics.size() << (diagnostics.size() == 1 ? " problem" : " problems") << " in "
          << path << "\n";
      status = 1;
    }
  }
  return status;
}

}  // namespace coachkit
