// coachkit packs [--json]
#include "commands.hpp"
#include "workspace/workspace.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace coachkit::cli {

void add_packs_command(CLI::App& app, CommandLine& cli) {
  auto json = std::make_shared<bool>(false);
  CLI::App* packs =
      app.add_subcommand("packs", "list the packs installed and those plugins provide");
  packs->add_flag("--json", *json, "print JSON");
  packs->callback([&cli, json] {
    Workspace workspace(cli.layout, cli.plugin_dirs);
    ProblemReport report(cli.json_problems);
    report.add(workspace.refused_plugins());
    report.flush();
    Diagnostics diagnostics;
    const std::vector<CatalogEntry>& entries = workspace.catalog(diagnostics);
    if (*json) {
      nlohmann::json list = nlohmann::json::array();
      for (const CatalogEntry& e : entries) {
        list.push_back({{"id", e.pack.id},
                        {"title", e.pack.title},
                        {"version", e.pack.version},
                        {"kind", e.provided ? "plugin" : "folder"},
                        {"from", e.origin()}});
      }
      std::cout << list.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    } else {
      for (const CatalogEntry& e : entries) {
        std::cout << e.pack.id << " " << e.pack.version << "  " << e.pack.title << "  ("
                  << e.origin() << ")\n";
      }
      if (entries.empty()) std::cout << "no packs found\n";
    }
    report.add(diagnostics);
    // A pack that does not load is the author's to fix, whatever else was refused.
    if (!diagnostics.empty()) report.decided_by(Origin::Content);
    cli.status = report.finish();
  });
}

}  // namespace coachkit::cli
