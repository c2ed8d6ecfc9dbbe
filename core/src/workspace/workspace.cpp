#include "workspace/workspace.hpp"

#include "build/input_stamp.hpp"
#include "pack/pack_loader.hpp"

#include <utility>

namespace coachkit {

namespace {

std::string tree_stamp(const std::string& directory) {
  InputStamp stamp;
  stamp.add_tree(directory);
  return stamp.digest();
}

}  // namespace

Workspace::Workspace(InstallLayout layout, std::vector<std::string> plugin_dirs)
    : layout_(std::move(layout)),
      plugin_dirs_(std::move(plugin_dirs)),
      plugin_path_(plugin_search_path(plugin_dirs_, layout_.plugins())) {}

PluginHost& Workspace::plugins() {
  if (!host_) {
    host_ = std::make_unique<PluginHost>();
    for (const std::string& dir : plugin_path_) host_->load_directory(dir);
  }
  return *host_;
}

std::vector<Problem> Workspace::refused_plugins() {
  std::vector<Problem> out;
  for (Problem refusal : plugins().refused()) {
    refusal.message = "plugin refused: " + refusal.message;
    out.push_back(std::move(refusal));
  }
  return out;
}

const std::vector<CatalogEntry>& Workspace::catalog(Diagnostics& diagnostics) {
  if (!catalog_) {
    Diagnostics found(Diagnostics::kKeepAll);
    catalog_ = list_packs(layout_, plugins(), found);
    catalog_problems_ = found.items();
    catalog_stamp_ = tree_stamp(layout_.packs());
  }
  for (const Problem& p : catalog_problems_) diagnostics.add(p);
  return *catalog_;
}

const CatalogEntry* Workspace::find(const PackReference& reference, Diagnostics& diagnostics) {
  return find_pack(catalog(diagnostics), reference, diagnostics);
}

std::shared_ptr<const Pack> Workspace::pack(const std::string& folder, Diagnostics& diagnostics) {
  auto kept = packs_.find(folder);
  if (kept != packs_.end()) return kept->second.pack;
  // The stamp before the read: a change made while reading is seen by the next refresh().
  std::string stamp = tree_stamp(folder);
  std::size_t before = diagnostics.size();
  ++pack_reads_;
  std::optional<Pack> loaded = load_pack(folder, diagnostics);
  if (!loaded) return nullptr;
  auto pack = std::make_shared<const Pack>(std::move(*loaded));
  if (diagnostics.size() == before) {
    KeptPack entry;
    entry.stamp = std::move(stamp);
    entry.pack = pack;
    packs_.emplace(folder, std::move(entry));
  }
  return pack;
}

std::optional<Problem> Workspace::theme(const std::string& directory, Theme* theme) {
  auto kept = themes_.find(directory);
  if (kept != themes_.end()) {
    *theme = kept->second.theme;
    return std::nullopt;
  }
  std::string stamp = tree_stamp(directory);
  if (auto problem = load_theme(directory, theme)) return problem;
  KeptTheme entry;
  entry.stamp = std::move(stamp);
  entry.theme = *theme;
  themes_.emplace(directory, std::move(entry));
  return std::nullopt;
}

std::vector<std::string> Workspace::refresh() {
  std::vector<std::string> forgotten;
  for (auto it = packs_.begin(); it != packs_.end();) {
    if (tree_stamp(it->first) != it->second.stamp) {
      forgotten.push_back(it->first);
      it = packs_.erase(it);
    } else {
      ++it;
    }
  }
  for (auto it = themes_.begin(); it != themes_.end();) {
    if (tree_stamp(it->first) != it->second.stamp) {
      forgotten.push_back(it->first);
      it = themes_.erase(it);
    } else {
      ++it;
    }
  }
  if (catalog_ && tree_stamp(layout_.packs()) != catalog_stamp_) {
    forgotten.push_back(layout_.packs());
    catalog_.reset();
    catalog_problems_.clear();
  }
  return forgotten;
}

}  // namespace coachkit
