#include "hosting/plugin_host.hpp"

#include "hosting/plugin_probe.hpp"
#include "support/sha256.hpp"

#include <boost/dll/shared_library.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace coachkit {

struct PluginHost::Libraries {
  // Plugins stay loaded for the life of the host: code they handed out may still run.
  std::vector<boost::dll::shared_library> loaded;
};

PluginHost::PluginHost() : libraries_(std::make_unique<Libraries>()) {}

PluginHost::~PluginHost() {
  // Generators live in the libraries' code: destroy them while it is still mapped.
  plugins_.clear();
}

namespace {

std::string abi_string(std::uint32_t major, std::uint32_t minor) {
  return std::to_string(major) + "." + std::to_string(minor);
}

std::string host_abi() { return abi_string(kAbiMajor, kAbiMinor); }

const std::string kEntryPrefix = COACHKIT_PLUGIN_SYMBOL_PREFIX;

// An entry symbol's name, e.g. coachkit_plugin_v4_cxx11: the ABI major, then the standard-library
// ABI tag (none before ABI 2).
struct EntryName {
  std::string major;
  std::string stdlib;
};

EntryName parse_entry(const std::string& symbol) {
  std::string rest = symbol.substr(kEntryPrefix.size());
  std::size_t tag = rest.find('_');
  if (tag == std::string::npos) return {rest, ""};
  return {rest.substr(0, tag), rest.substr(tag + 1)};
}

std::string describe_stdlib(const std::string& tag, bool plugin) {
  if (tag == "cxx98") {
    return plugin ? "the old (pre-C++11) libstdc++ string ABI" : "the old (pre-C++11) ABI";
  }
  if (tag == "cxx11") return plugin ? "the C++11 libstdc++ string ABI" : "the C++11 ABI";
  if (tag == "libcxx") return "LLVM's libc++";
  return "the standard-library ABI '" + tag + "'";
}

// Why none of the entry points a library offers fits this host.
std::string abi_mismatch(const std::vector<std::string>& entries) {
  const std::string host_major = std::to_string(kAbiMajor);
  for (const std::string& entry : entries) {
    EntryName name = parse_entry(entry);
    if (name.major == host_major && name.stdlib != kStdlibAbi) {
      return "built with " + describe_stdlib(name.stdlib, true) + "; this coachkit uses " +
             describe_stdlib(kStdlibAbi, false) +
             " (its std::string and other library types would not match)";
    }
  }
  std::string offered;
  for (const std::string& entry : entries) {
    offered += (offered.empty() ? "" : ", ") + parse_entry(entry).major + ".x";
  }
  return "built for plugin ABI " + offered + "; this coachkit speaks ABI " + host_abi();
}

std::string text_or_empty(const char* s) { return s ? s : ""; }

// Why the plugin at `path` is refused.
Problem refusal(const std::string& path, std::string reason) {
  return Problem(path, 0, 0, std::move(reason), Severity::Error, Origin::Plugin);
}

// Why `path` no longer matches the record its build or install wrote (PATH.sha256, in
// sha256sum's format), or nothing when it matches or has no record (a third party's plugin).
std::optional<Problem> check_install_record(const std::string& path) {
  const std::string record = path + ".sha256";
  std::error_code ec;
  if (!fs::is_regular_file(record, ec)) return std::nullopt;
  std::ifstream in(record);
  std::string recorded;
  in >> recorded;
  bool hex = recorded.size() == 64 && std::all_of(recorded.begin(), recorded.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
             });
  if (!hex) {
    return refusal(path, "its checksum record " + record + " is unreadable (reinstall the plugin)");
  }
  std::string actual;
  if (auto problem = sha256_of_file(path, &actual)) return refusal(path, problem->message);
  if (actual != recorded) {
    return refusal(path, "it changed since it was built or installed: its SHA-256 is " + actual +
                             ", " + record + " says " + recorded +
                             " (reinstall it, or delete the record to load it as a third "
                             "party's plugin)");
  }
  return std::nullopt;
}

// What the host reads of a plugin before any `generate`: its descriptor, its generators (with
// their kinds and options) and its packs. Run twice: first in the probe's child, where a crash is
// a refusal, then in the host. Returns why the plugin is refused, or nothing.
std::optional<Problem> start_plugin(const PluginDescriptor* descriptor, const std::string& path,
                                    LoadedPlugin* plugin, std::vector<PluginPack>* packs) {
  if (!descriptor) return refusal(path, "its entry point returned no descriptor");
  if (descriptor->abi_major != kAbiMajor || descriptor->abi_minor > kAbiMinor) {
    return refusal(path, "plugin ABI " + abi_string(descriptor->abi_major, descriptor->abi_minor) +
                             " does not fit this coachkit's ABI " + host_abi() +
                             " (the major must match and the plugin's minor may not be newer)");
  }
  // Every field of this ABI major is there; fields a later minor adds are read only when
  // struct_size says the plugin has them.
  if (descriptor->struct_size < sizeof(PluginDescriptor) || !descriptor->name) {
    return refusal(path, "its descriptor is incomplete (size " +
                             std::to_string(descriptor->struct_size) + ", expected " +
                             std::to_string(sizeof(PluginDescriptor)) + ")");
  }
  if (!descriptor->create_generators && !descriptor->provide_packs) {
    return refusal(path, "it provides neither generators nor packs");
  }
  plugin->path = path;
  plugin->name = descriptor->name;
  plugin->version = text_or_empty(descriptor->version);
  plugin->license = text_or_empty(descriptor->license);
  plugin->description = text_or_empty(descriptor->description);
  plugin->abi_major = descriptor->abi_major;
  plugin->abi_minor = descriptor->abi_minor;
  try {
    GeneratorList created;
    if (descriptor->create_generators) created = descriptor->create_generators();
    for (std::unique_ptr<Generator>& generator : created) {
      if (!generator) throw std::runtime_error("it returned an empty generator");
      plugin->generators.push_back(LoadedGenerator{generator->kind(), generator->description(),
                                                   generator->options(), std::move(generator)});
    }
    if (descriptor->provide_packs) {
      for (ProvidedPack& pack : descriptor->provide_packs()) {
        packs->push_back(PluginPack{plugin->name, path, std::move(pack)});
      }
    }
  } catch (const std::exception& e) {
    plugin->generators.clear();
    return refusal(path, "plugin '" + plugin->name + "' failed to start: " + e.what());
  } catch (...) {
    plugin->generators.clear();
    return refusal(path, "plugin '" + plugin->name + "' failed to start: unknown exception");
  }
  return std::nullopt;
}

}  // namespace

void PluginHost::refuse(const std::string& path, std::string reason) {
  refused_.push_back(refusal(path, std::move(reason)));
}

void PluginHost::load_directory(const std::string& directory) {
  std::error_code ec;
  if (std::find(searched_.begin(), searched_.end(), directory) != searched_.end()) return;
  searched_.push_back(directory);
  if (!fs::is_directory(directory, ec)) return;
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory, ec)) {
    if (entry.path().extension() != boost::dll::shared_library::suffix().string()) continue;
    std::string what_it_is;
    if (is_regular_file(entry.path().string(), &what_it_is)) {
      files.push_back(entry.path());
    } else if (!entry.is_directory(ec)) {
      // Never opened: reading a FIFO or a device would hang or have effects of its own.
      skipped_.push_back(Problem(entry.path().string(), 0, 0,
                                 "not a regular file: it is " + what_it_is + "; skipped",
                                 Severity::Note, Origin::Plugin));
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) load_file(file.string());
}

void PluginHost::load_file(const std::string& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  std::string identity = ec ? path : canonical.string();
  if (std::find(seen_files_.begin(), seen_files_.end(), identity) != seen_files_.end()) return;
  seen_files_.push_back(identity);

  // 0. A plugin built or installed with coachkit_add_plugin has a checksum record beside it: a
  // file that changed since (damaged, or replaced by hand) is refused before anything else.
  if (auto changed = check_install_record(path)) {
    refused_.push_back(std::move(*changed));
    return;
  }

  // 1. Look inside the file without loading it here: is it a sound library, and which ABIs
  // does its entry symbol name? Whatever the file holds, a refusal is the worst outcome.
  const std::string wanted = COACHKIT_PLUGIN_SYMBOL_NAME;
  PluginProbe probe;
  // The child's trial start-up: the same steps, their results thrown away with the child.
  auto trial = [&path](const PluginDescriptor* descriptor) {
    LoadedPlugin plugin;
    std::vector<PluginPack> packs;
    start_plugin(descriptor, path, &plugin, &packs);
  };
  if (auto refusal = probe_plugin_file(path, wanted, trial, &probe)) {
    refused_.push_back(std::move(*refusal));
    return;
  }
  const std::vector<std::string>& entries = probe.entries;
  if (std::find(entries.begin(), entries.end(), wanted) == entries.end()) {
    refuse(path, entries.empty() ? "no coachkit entry point: the library exports no '" + wanted +
                                       "' in its 'coachkit' section (was it built with "
                                       "COACHKIT_PLUGIN_ENTRY?)"
                                 : abi_mismatch(entries));
    return;
  }
  if (!probe.wanted_entry_loads) {
    refuse(path, "failed to load: " + probe.load_error);
    return;
  }

  // 2. Load it and start it, as the child did; nothing is called before the version check.
  boost::dll::shared_library library;
  const PluginDescriptor* descriptor = nullptr;
  try {
    library.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    auto entry = library.get_alias<const PluginDescriptor*()>(wanted);
    descriptor = entry();
  } catch (const std::exception& e) {
    refuse(path, std::string("failed to load: ") + e.what());
    return;
  } catch (...) {
    refuse(path, "failed to load: its entry point threw an unknown exception");
    return;
  }
  LoadedPlugin plugin;
  std::vector<PluginPack> packs;
  if (auto refused = start_plugin(descriptor, path, &plugin, &packs)) {
    refused_.push_back(std::move(*refused));
    return;
  }
  for (const LoadedPlugin& other : plugins_) {
    if (other.name == plugin.name) {
      plugin.generators.clear();
      refuse(path, "a plugin named '" + plugin.name + "' is already loaded from " + other.path);
      return;
    }
    for (const LoadedGenerator& taken : other.generators) {
      for (const LoadedGenerator& loaded : plugin.generators) {
        if (taken.kind == loaded.kind) {
          plugin.generators.clear();
          refuse(path, "plugin '" + plugin.name + "' failed to start: its generator '" +
                           loaded.kind + "' is already provided by plugin '" + other.name + "'");
          return;
        }
      }
    }
  }
  plugin.packs = packs.size();
  for (PluginPack& pack : packs) packs_.push_back(std::move(pack));
  libraries_->loaded.push_back(std::move(library));
  plugins_.push_back(std::move(plugin));
}

bool PluginHost::provides(const std::string& kind) const {
  for (const LoadedPlugin& p : plugins_) {
    for (const LoadedGenerator& g : p.generators) {
      if (g.kind == kind) return true;
    }
  }
  return false;
}

std::vector<GeneratorInfo> PluginHost::generators() const {
  std::vector<GeneratorInfo> out;
  for (const LoadedPlugin& p : plugins_) {
    for (const LoadedGenerator& g : p.generators) {
      out.push_back(GeneratorInfo{
          g.kind, g.description, "'" + p.name + "' " + p.version + " (" + p.path + ")", g.options});
    }
  }
  return out;
}

std::optional<Problem> PluginHost::generate(const std::string& kind, const Pack& pack,
                                            const GeneratorRequest& request, Reporter& reporter,
                                            std::vector<Artifact>* artifacts) const {
  // The message names the plugin: printed without "coachkit: " (no file, origin Plugin).
  auto failed = [&](std::string message) {
    return Problem(SourcePosition{}, std::move(message), Severity::Error, Origin::Plugin);
  };
  for (const LoadedPlugin& plugin : plugins_) {
    for (const LoadedGenerator& generator : plugin.generators) {
      if (generator.kind != kind) continue;
      std::string where =
          "plugin '" + plugin.name + "' " + plugin.version + " (" + plugin.path + ")";
      try {
        *artifacts = generator.generator->generate(pack, request, reporter);
        return std::nullopt;
      } catch (const std::exception& e) {
        return failed(where + " failed in generator '" + kind + "': " + e.what());
      } catch (...) {
        return failed(where + " failed in generator '" + kind + "': unknown exception");
      }
    }
  }
  return failed("no loaded plugin makes '" + kind + "'");
}

std::string PluginHost::to_json() const {
  nlohmann::json loaded = nlohmann::json::array();
  for (const LoadedPlugin& p : plugins_) {
    nlohmann::json provides = nlohmann::json::array();
    for (const LoadedGenerator& g : p.generators) {
      nlohmann::json options = nlohmann::json::array();
      for (const OptionSpec& o : g.options) {
        options.push_back({{"key", o.key}, {"description", o.description}});
      }
      provides.push_back({{"type", "generator"},
                          {"kind", g.kind},
                          {"description", g.description},
                          {"options", options}});
    }
    for (const PluginPack& pack : packs_) {
      if (pack.path == p.path)
        provides.push_back({{"type", "pack"}, {"files", pack.pack.files.size()}});
    }
    loaded.push_back({{"name", p.name},
                      {"version", p.version},
                      {"abi", abi_string(p.abi_major, p.abi_minor)},
                      {"license", p.license},
                      {"description", p.description},
                      {"path", p.path},
                      {"provides", provides}});
  }
  nlohmann::json refused = nlohmann::json::array();
  for (const Problem& r : refused_)
    refused.push_back({{"path", r.where.file}, {"reason", r.message}});
  nlohmann::json skipped = nlohmann::json::array();
  for (const Problem& r : skipped_)
    skipped.push_back({{"path", r.where.file}, {"reason", r.message}});
  nlohmann::json root = {{"coachkit", kVersion}, {"abi", host_abi()},  {"searched", searched_},
                         {"loaded", loaded},     {"refused", refused}, {"skipped", skipped}};
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> plugin_search_path(const std::vector<std::string>& plugin_dirs,
                                            const std::string& builtin_directory) {
  std::vector<std::string> path = plugin_dirs;
  if (const char* env = std::getenv("COACHKIT_PLUGIN_PATH")) {
    std::string value = env;
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t end = value.find(':', start);
      if (end == std::string::npos) end = value.size();
      if (end > start) path.push_back(value.substr(start, end - start));
      start = end + 1;
    }
  }
  if (!builtin_directory.empty()) path.push_back(builtin_directory);
  return path;
}

}  // namespace coachkit
