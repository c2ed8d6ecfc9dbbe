#include "pack/pack_catalog.hpp"

#include "pack/pack_files.hpp"
#include "pack/pack_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

// Loads a pack a plugin carries, with the loader's every check.
std::optional<Pack> load_provided_pack(const PluginPack& provided, Diagnostics& diagnostics) {
  std::map<std::string, std::string> files;
  for (const ProvidedPack::File& file : provided.pack.files) files[file.path] = file.text;
  MemoryPackFiles memory(std::move(files),
                         "plugin '" + provided.plugin + "' (" + provided.path + "): ");
  return load_pack(memory, diagnostics);
}

}  // namespace

std::string CatalogEntry::origin() const {
  if (provided) return "plugin '" + provided->plugin + "' (" + provided->path + ")";
  return folder;
}

const CatalogEntry* find_pack(const std::vector<CatalogEntry>& catalog,
                              const PackReference& reference, Diagnostics& diagnostics) {
  std::string known;
  for (const CatalogEntry& entry : catalog) {
    if (entry.pack.id == reference.id) return &entry;
    known += (known.empty() ? "" : ", ") + entry.pack.id;
  }
  const SourcePosition& at = reference.where;
  diagnostics.add(at.file.empty() ? "--pack" : at.file, at.line, at.column,
                  "no pack with the id '" + reference.id +
                      "' is installed or provided by a plugin, and there is no such folder" +
                      (known.empty() ? std::string() : " (packs: " + known + ")"));
  return nullptr;
}

std::vector<CatalogEntry> list_packs(const InstallLayout& layout, const PluginHost& host,
                                     Diagnostics& diagnostics) {
  std::vector<CatalogEntry> entries;
  std::error_code ec;
  std::vector<fs::path> folders;
  for (const fs::directory_entry& entry : fs::directory_iterator(layout.packs(), ec)) {
    if (entry.is_directory(ec) && is_pack_directory(entry.path().string())) {
      folders.push_back(entry.path());
    }
  }
  std::sort(folders.begin(), folders.end());
  for (const fs::path& folder : folders) {
    if (std::optional<Pack> pack = load_pack(folder.string(), diagnostics)) {
      entries.push_back(CatalogEntry{std::move(*pack), folder.string(), nullptr});
    }
  }
  for (const PluginPack& provided : host.provided_packs()) {
    if (std::optional<Pack> pack = load_provided_pack(provided, diagnostics)) {
      entries.push_back(CatalogEntry{std::move(*pack), "", &provided});
    }
  }
  return entries;
}

}  // namespace coachkit
