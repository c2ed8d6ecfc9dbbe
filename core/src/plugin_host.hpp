// Finds, checks and loads coachkit plugins (shared libraries, through Boost.DLL), and is the one
// place where a plugin's failures are caught and turned into a report.
#pragma once

#include <coachkit/plugin.hpp>

#include <memory>
#include <string>
#include <vector>

namespace coachkit {

struct LoadedPlugin {
  std::string path;
  std::string name;
  std::string version;
  std::string license;
  std::string description;
  std::uint32_t abi_major = 0;
  std::uint32_t abi_minor = 0;
  GeneratorList generators;
};

struct RefusedPlugin {
  std::string path;
  std::string reason;
};

class PluginHost {
 public:
  PluginHost();
  ~PluginHost();
  PluginHost(const PluginHost&) = delete;
  PluginHost& operator=(const PluginHost&) = delete;

  // Loads every shared library in `directory` (not its subfolders), in name order.
  void load_directory(const std::string& directory);
  // Checks the file without loading it, then loads it; a refusal is recorded, never thrown.
  void load_file(const std::string& path);

  const std::vector<LoadedPlugin>& plugins() const { return plugins_; }
  const std::vector<RefusedPlugin>& refused() const { return refused_; }
  const std::vector<std::string>& searched() const { return searched_; }

  // Runs a generator; an exception is reported with the plugin's name and file.
  bool generate(const LoadedPlugin& plugin, const Generator& generator, const Pack& pack,
                std::vector<Artifact>* artifacts, std::string* error) const;

  // What `coachkit plugins --json` prints.
  std::string to_json() const;

 private:
  void refuse(const std::string& path, std::string reason);

  struct Libraries;
  std::unique_ptr<Libraries> libraries_;  // declared first: destroyed after the generators
  std::vector<LoadedPlugin> plugins_;
  std::vector<RefusedPlugin> refused_;
  std::vector<std::string> searched_;
};

// Where plugins are looked for, in order: each --plugin-dir, then COACHKIT_PLUGIN_PATH
// (colon-separated), then the folder installed beside the coachkit program.
std::vector<std::string> plugin_search_path(const std::vector<std::string>& plugin_dirs,
                                            const std::string& builtin_directory);

}  // namespace coachkit
