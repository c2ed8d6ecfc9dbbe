// coachkit plugins [--json]
#include "commands.hpp"
#include "plugin_host.hpp"

#include <iostream>
#include <memory>

namespace coachkit::cli {

void add_plugins_command(CLI::App& app, CommandLine& cli) {
  auto json = std::make_shared<bool>(false);
  CLI::App* plugins = app.add_subcommand("plugins", "list loaded and refused plugins");
  plugins->add_flag("--json", *json, "print JSON");
  plugins->callback([&cli, json] {
    PluginHost host;
    for (const std::string& dir : plugin_search_path(cli.plugin_dirs, cli.layout.plugins())) {
      host.load_directory(dir);
    }
    cli.status = kOk;
    if (*json) {
      std::cout << host.to_json() << "\n";
      return;
    }
    for (const LoadedPlugin& p : host.plugins()) {
      std::cout << p.name << " " << p.version << " (ABI " << p.abi_major << "." << p.abi_minor
                << ", " << p.license << ") " << p.path << "\n";
      for (const LoadedGenerator& g : p.generators) {
        std::cout << "  generator " << g.kind << ": " << g.description << "\n";
        for (const OptionSpec& o : g.options) {
          std::cout << "    option " << o.key << ": " << o.description << "\n";
        }
      }
      if (p.packs) std::cout << "  provides " << p.packs << " pack(s) (see coachkit packs)\n";
    }
    if (host.plugins().empty()) std::cout << "no plugins loaded\n";
    for (const RefusedPlugin& r : host.refused()) {
      std::cout << "refused " << r.path << ": " << r.reason << "\n";
    }
    std::cout << "searched: ";
    for (std::size_t i = 0; i < host.searched().size(); ++i) {
      std::cout << (i ? ", " : "") << host.searched()[i];
    }
    std::cout << "\n";
  });
}

}  // namespace coachkit::cli
