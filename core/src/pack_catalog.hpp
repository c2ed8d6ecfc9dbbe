// The packs coachkit can build by id, without a folder on the command line: those installed
// with it (share/coachkit/packs/ID) and those that plugins carry. Folder packs and provided packs
// go through the same loader and the same rules.
#pragma once

#include "diagnostics.hpp"
#include "install_layout.hpp"
#include "plugin_host.hpp"

#include <coachkit/model.hpp>

#include <optional>
#include <string>
#include <vector>

namespace coachkit {

struct CatalogEntry {
  std::string id;
  std::string title;
  std::string version;
  std::string folder;                    // an installed pack's folder, or ""
  const PluginPack* provided = nullptr;  // a plugin's pack, or null
  std::string origin() const;            // the folder, or "plugin 'NAME' (FILE)"
};

// Every pack found, by id; a provided pack that does not load is reported in `diagnostics`
// (with the plugin and the embedded file) and left out.
std::vector<CatalogEntry> list_packs(const InstallLayout& layout, const PluginHost& host,
                                     Diagnostics& diagnostics);

// Loads a pack a plugin carries, with the loader's every check.
std::optional<Pack> load_provided_pack(const PluginPack& provided, Diagnostics& diagnostics);

}  // namespace coachkit
