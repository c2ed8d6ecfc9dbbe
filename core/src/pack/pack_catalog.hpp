// The packs coachkit can build by id, without a folder on the command line: those installed
// with it (share/coachkit/packs/ID) and those that plugins carry. Folder packs and provided packs
// go through the same loader and the same rules.
#pragma once

#include "hosting/plugin_host.hpp"
#include "pack/project.hpp"
#include "support/diagnostics.hpp"
#include "support/install_layout.hpp"

#include <coachkit/model.hpp>

#include <optional>
#include <string>
#include <vector>

namespace coachkit {

struct CatalogEntry {
  Pack pack;                             // loaded and validated when the catalog was listed
  std::string folder;                    // an installed pack's folder, or ""
  const PluginPack* provided = nullptr;  // a plugin's pack, or null
  std::string origin() const;            // the folder, or "plugin 'NAME' (FILE)"
  // Where its date comes from when it gives none (see source_date.hpp).
  std::string date_file() const { return provided ? provided->path : folder; }
};

// Every pack found, by id; a provided pack that does not load is reported in `diagnostics`
// (with the plugin and the embedded file) and left out.
std::vector<CatalogEntry> list_packs(const InstallLayout& layout, const PluginHost& host,
                                     Diagnostics& diagnostics);

// The entry for a project's pack given by id, or null with a diagnostic at the reference that
// names the packs there are.
const CatalogEntry* find_pack(const std::vector<CatalogEntry>& catalog,
                              const PackReference& reference, Diagnostics& diagnostics);

}  // namespace coachkit
