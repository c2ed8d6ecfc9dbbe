// What every command works in: the plugins, the pack catalog, the packs and the themes, each
// loaded once, on first use, however many packs or rubrics the command looks at. A long-running
// preview keeps one Workspace and calls `refresh()` before each rebuild: only the packs and
// themes whose files changed are read again (plugins stay loaded for the life of the process).
#pragma once

#include "hosting/plugin_host.hpp"
#include "pack/pack_catalog.hpp"
#include "render/renderer.hpp"
#include "support/diagnostics.hpp"
#include "support/install_layout.hpp"

#include <coachkit/model.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace coachkit {

class Workspace {
 public:
  Workspace(InstallLayout layout, std::vector<std::string> plugin_dirs);

  const InstallLayout& layout() const { return layout_; }
  const std::vector<std::string>& plugin_dirs() const { return plugin_dirs_; }
  // The folders plugins come from, in order (--plugin-dir, COACHKIT_PLUGIN_PATH, built-in).
  const std::vector<std::string>& plugin_path() const { return plugin_path_; }

  // Every plugin of the search path, loaded the first time this is called.
  PluginHost& plugins();
  bool plugins_loaded() const { return host_ != nullptr; }
  // Each refused plugin as an error of the plugin's file ("FILE: plugin refused: REASON").
  std::vector<Problem> refused_plugins();

  // The installed and plugin-provided packs, listed the first time; their problems are added
  // to `diagnostics` on every call, so each command that relies on them says why.
  const std::vector<CatalogEntry>& catalog(Diagnostics& diagnostics);
  // The catalog's pack that `reference` names, or nullptr with a problem.
  const CatalogEntry* find(const PackReference& reference, Diagnostics& diagnostics);

  // The pack in `folder`, read the first time and shared, never copied (a pack of 10,000
  // principles is tens of megabytes); a pack with problems is not kept, so they are found again
  // next time. nullptr when it does not load.
  std::shared_ptr<const Pack> pack(const std::string& folder, Diagnostics& diagnostics);
  // The theme in `directory`, read the first time.
  std::optional<Problem> theme(const std::string& directory, Theme* theme);

  // Forgets every pack and theme whose files changed since it was read, and the catalog when a
  // folder of installed packs changed; the names of what was forgotten, for a status line.
  std::vector<std::string> refresh();

  // How many times a pack folder was read (tests check that a command reads each once).
  int pack_reads() const { return pack_reads_; }

 private:
  struct Kept {
    std::string stamp;  // the tree's identity when it was read
  };
  struct KeptPack : Kept {
    std::shared_ptr<const Pack> pack;
  };
  struct KeptTheme : Kept {
    Theme theme;
  };

  InstallLayout layout_;
  std::vector<std::string> plugin_dirs_;
  std::vector<std::string> plugin_path_;
  std::unique_ptr<PluginHost> host_;
  std::optional<std::vector<CatalogEntry>> catalog_;
  std::vector<Problem> catalog_problems_;
  std::string catalog_stamp_;
  std::map<std::string, KeptPack> packs_;
  std::map<std::string, KeptTheme> themes_;
  int pack_reads_ = 0;
};

}  // namespace coachkit
