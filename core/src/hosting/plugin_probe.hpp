// Looks inside a plugin file before the host loads it, so that nothing a file contains can take
// the host down: a FIFO is never opened, a damaged ELF file is refused with what is wrong with
// it, and the parts that trust the file (reading its symbols, a trial load by the dynamic
// loader) run in a child process whose crash is a refusal, not the host's.
#pragma once

#include "support/problem.hpp"

#include <coachkit/plugin.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace coachkit {

// Whether `path`, after following symbolic links, is a regular file. If not, `what_it_is` says
// what it is instead ("a FIFO", "a directory", "missing", …) for a refusal or a note.
bool is_regular_file(const std::string& path, std::string* what_it_is);

struct PluginProbe {
  // Every symbol the file exports in its "coachkit" section that starts with
  // COACHKIT_PLUGIN_SYMBOL_PREFIX, whatever ABI it names.
  std::vector<std::string> entries;
  // Set when the wanted entry was among them and a trial load in the child found it.
  bool wanted_entry_loads = false;
  // Set when the wanted entry was among them but the dynamic loader refused the file.
  std::string load_error;
};

// Checks that `path` is a regular file and an ELF shared library for this machine whose headers
// and tables all lie inside the file, then, in a child process, lists its entry symbols and, if
// `wanted_entry` is among them, loads it once (running its static initialisers there) and looks
// the entry up, calls it and hands its descriptor to `start` there: the host's own start-up of
// the plugin (descriptor, generator list, packs), so that damage that shows on the way crashes
// the child, not the host. Returns the refusal (at `path`, origin Plugin, the message saying
// why without the path) when the file must not be loaded at all.
//
// Forks: call it while the process is single-threaded, as the host does at start-up.
using PluginTrial = std::function<void(const PluginDescriptor*)>;
std::optional<Problem> probe_plugin_file(const std::string& path, const std::string& wanted_entry,
                                         const PluginTrial& start_up, PluginProbe* probe);

}  // namespace coachkit
