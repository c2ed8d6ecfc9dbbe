// Finds, checks and loads coachkit plugins (shared libraries, through Boost.DLL), and is the one
// place where a plugin's failures are caught and turned into a report.
#pragma once

#include "hosting/generator_host.hpp"
#include "support/problem.hpp"

#include <coachkit/plugin.hpp>

#include <memory>
#include <string>
#include <vector>

namespace coachkit {

// A generator with what the host read of it once, inside the guarded load, so that listing and
// selecting generators never calls into plugin code again.
struct LoadedGenerator {
  std::string kind;
  std::string description;
  std::vector<OptionSpec> options;
  std::unique_ptr<Generator> generator;
};

// A pack a plugin carries, as it handed it over (the loader validates it like a folder).
struct PluginPack {
  std::string plugin;  // the plugin's name
  std::string path;    // the plugin's file
  ProvidedPack pack;
};

struct LoadedPlugin {
  std::string path;
  std::string name;
  std::string version;
  std::string license;
  std::string description;
  std::uint32_t abi_major = 0;
  std::uint32_t abi_minor = 0;
  std::vector<LoadedGenerator> generators;
  std::size_t packs = 0;  // how many packs it provides
};

class PluginHost : public GeneratorHost {
 public:
  PluginHost();
  ~PluginHost() override;
  PluginHost(const PluginHost&) = delete;
  PluginHost& operator=(const PluginHost&) = delete;

  // Loads every shared library in `directory` (not its subfolders), in name order. A folder or
  // file met a second time (the same on disk) is skipped; so is anything named like a library
  // that is not a regular file (a FIFO, a device), with a note in skipped().
  void load_directory(const std::string& directory);
  // Checks the file without loading it into this process (see plugin_probe.hpp), then loads
  // it; a refusal is recorded, never thrown. Forks: call it while single-threaded.
  void load_file(const std::string& path);

  const std::vector<LoadedPlugin>& plugins() const { return plugins_; }
  // Each refusal is a Problem at the plugin's file (origin Plugin, no line) saying why; a
  // refusal over the ABI names both versions.
  const std::vector<Problem>& refused() const { return refused_; }
  const std::vector<std::string>& searched() const { return searched_; }
  // Files in a plugin folder that were not looked inside, and why: notes, not failures.
  const std::vector<Problem>& skipped() const { return skipped_; }

  const std::vector<PluginPack>& provided_packs() const { return packs_; }

  // GeneratorHost
  std::vector<GeneratorInfo> generators() const override;
  bool complete() const override { return refused_.empty(); }
  // Runs a generator; an exception is reported with the plugin's name and file.
  std::optional<Problem> generate(const std::string& kind, const Pack& pack,
                                  const GeneratorRequest& request, Reporter& reporter,
                                  std::vector<Artifact>* artifacts) const override;

  // Whether any loaded plugin provides a generator of this kind.
  bool provides(const std::string& kind) const;

  // What `coachkit plugins --json` prints.
  std::string to_json() const;

 private:
  void refuse(const std::string& path, std::string reason);

  struct Libraries;
  std::unique_ptr<Libraries> libraries_;  // declared first: destroyed after the generators
  std::vector<LoadedPlugin> plugins_;
  std::vector<Problem> refused_;
  std::vector<PluginPack> packs_;
  std::vector<Problem> skipped_;
  std::vector<std::string> searched_;
  std::vector<std::string> seen_files_;  // canonical paths already looked at
};

// Where plugins are looked for, in order: each --plugin-dir, then COACHKIT_PLUGIN_PATH
// (colon-separated), then the folder installed beside the coachkit program.
std::vector<std::string> plugin_search_path(const std::vector<std::string>& plugin_dirs,
                                            const std::string& builtin_directory);

}  // namespace coachkit
