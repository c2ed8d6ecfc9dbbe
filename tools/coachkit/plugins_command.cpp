// coachkit plugins [--json]
#include "commands.hpp"
#include "support/diagnostics.hpp"
#include "workspace/workspace.hpp"

#include <iostream>
#include <memory>

namespace coachkit::cli {

void add_plugins_command(CLI::App& app, CommandLine& cli) {
  auto json = std::make_shared<bool>(false);
  CLI::App* plugins = app.add_subcommand("plugins", "list loaded and refused plugins");
  plugins->add_flag("--json", *json, "print JSON");
  plugins->callback([&cli, json] {
    Workspace workspace(cli.layout, cli.plugin_dirs);
    const PluginHost& host = workspace.plugins();
    cli.status = kOk;
    if (*json) {
      std::cout << host.to_json() << "\n";
      return;
    }
    // Names, paths and descriptions come from files: shown escaped, they cannot drive the
    // terminal (a file named with ESC ] 0 ; … would set the window title).
    auto shown = [](const std::string& text) { return escape_control_characters(text); };
    for (const LoadedPlugin& p : host.plugins()) {
      std::cout << shown(p.name) << " " << shown(p.version) << " (ABI " << p.abi_major << "."
                << p.abi_minor << ", " << shown(p.license) << ") " << shown(p.path) << "\n";
      for (const LoadedGenerator& g : p.generators) {
        std::cout << "  generator " << shown(g.kind) << ": " << shown(g.description) << "\n";
        for (const OptionSpec& o : g.options) {
          std::cout << "    option " << shown(o.key) << ": " << shown(o.description) << "\n";
        }
      }
      if (p.packs) std::cout << "  provides " << p.packs << " pack(s) (see coachkit packs)\n";
    }
    if (host.plugins().empty()) std::cout << "no plugins loaded\n";
    for (const Problem& r : host.refused()) {
      std::cout << "refused " << shown(r.where.file) << ": " << shown(r.message) << "\n";
    }
    for (const Problem& r : host.skipped()) {
      std::cout << "skipped " << shown(r.where.file) << ": " << shown(r.message) << "\n";
    }
    std::cout << "searched: ";
    for (std::size_t i = 0; i < host.searched().size(); ++i) {
      std::cout << (i ? ", " : "") << shown(host.searched()[i]);
    }
    std::cout << "\n";
  });
}

}  // namespace coachkit::cli
