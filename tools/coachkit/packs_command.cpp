// coachkit packs [--json]
#include "commands.hpp"
#include "pack/pack_catalog.hpp"
#include "hosting/plugin_host.hpp"

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
    PluginHost host;
    for (const std::string& dir : plugin_search_path(cli.plugin_dirs, cli.layout.plugins())) {
      host.load_directory(dir);
    }
    for (const RefusedPlugin& r : host.refused()) {
      std::cerr << r.path << ": plugin refused: " << r.reason << "\n";
    }
    Diagnostics diagnostics;
    std::vector<CatalogEntry> entries = list_packs(cli.layout, host, diagnostics);
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
    std::cerr << diagnostics.to_string();
    cli.status = !diagnostics.empty() ? kContentError : host.refused().empty() ? kOk : kToolError;
  });
}

}  // namespace coachkit::cli
