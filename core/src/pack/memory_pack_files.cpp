#include "pack/pack_files.hpp"

namespace coachkit {

MemoryPackFiles::MemoryPackFiles(std::map<std::string, std::string> files,
                                 std::string display_prefix)
    : files_(std::move(files)), display_prefix_(std::move(display_prefix)) {}

std::string MemoryPackFiles::display(const std::string& relative) const {
  return display_prefix_ + relative;
}

bool MemoryPackFiles::list(const std::string& folder, std::vector<std::string>* files,
                           Diagnostic*) const {
  files->clear();
  const std::string prefix = folder + "/";
  const std::string extension = ".toml";
  // The map keeps paths in byte order, the same name order as a folder on disk.
  for (auto it = files_.lower_bound(prefix);
       it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    const std::string& path = it->first;
    bool direct = path.find('/', prefix.size()) == std::string::npos;
    bool toml = path.size() > prefix.size() + extension.size() &&
                path.compare(path.size() - extension.size(), extension.size(), extension) == 0;
    if (direct && toml) files->push_back(path);
  }
  return true;
}

bool MemoryPackFiles::exists(const std::string& relative) const {
  return files_.count(relative) > 0;
}

bool MemoryPackFiles::read(const std::string& relative, std::string* text,
                           Diagnostic* problem) const {
  auto found = files_.find(relative);
  if (found == files_.end()) {
    *problem = Diagnostic{display(relative), 0, 0, "no such file in the pack"};
    return false;
  }
  // The same limit as on disk: a pack is valid or not whoever provides it.
  if (found->second.size() > kMaxContentFileBytes) {
    *problem = Diagnostic{display(relative), 1, 1, too_large_message(found->second.size())};
    return false;
  }
  *text = found->second;
  return true;
}

}  // namespace coachkit
