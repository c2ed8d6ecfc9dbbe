// `coachkit build`: from what the user asked for to outputs on disk. Resolves the project and its
// packs, the theme, formats and generator options, takes the output folder's lock, skips packs
// whose inputs have not changed since their last complete build, loads plugins and tools only
// when something has to be built (through the workspace, so once), and builds each pack. What
// happened comes back as an outcome; the program prints it.
#pragma once

#include "support/install_layout.hpp"
#include "support/problem.hpp"
#include "workspace/workspace.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace coachkit {

struct BuildSettings {
  std::string path = ".";  // a pack folder, a project folder or a coachkit.toml
  std::string pack_id;     // build this installed or plugin-provided pack instead of PATH
  std::optional<std::string> out;
  std::vector<std::string> formats;
  std::vector<std::string> only;
  std::string theme;
  std::string size;  // --size: every generator that takes a `size` option prints at this size
  int jobs = 0;      // 0: one per core
  double timeout = 120;
  std::optional<std::uint64_t> seed;
  std::string edition;
  // Generator options from the command line, "KIND.KEY=VALUE" each (--set, --versions, …);
  // they win over the project file's [generators.KIND] tables.
  std::vector<std::string> option_settings;
  std::vector<std::string> plugin_dirs;
  bool progress = false;
  bool wait_for_lock = true;
  // A preview's open pages first, and each output as it lands (BuildOptions::first, ::written).
  std::vector<std::string> first;
  std::function<void(const std::string&)> written;
};

// One pack's line of the summary: "ID: W written, U unchanged[, R removed][, F failed] in DIR".
struct PackBuilt {
  std::string id;
  std::string folder;  // where its outputs are
  int written = 0;
  int unchanged = 0;
  int removed = 0;
  int failed = 0;
};

// The problems of a build (a content or usage problem stops it before anything is written; a
// tool's or a plugin's failure leaves everything else built), and each pack built or found
// unchanged.
struct BuildOutcome : Outcome {
  std::vector<PackBuilt> packs;
};

// What a build says while it runs, before its outcome is known (ninja's status.h is the model).
class BuildStatus {
 public:
  virtual ~BuildStatus() = default;
  // Another build (process `pid`, or 0 when unknown) is writing to `out_directory`.
  virtual void waiting(const std::string& out_directory, long pid) = 0;
};

// Builds what `settings` asks for with the plugins, catalog, packs and themes of `workspace`
// (loaded there once, when first needed).
BuildOutcome build_project(Workspace& workspace, const BuildSettings& settings,
                           BuildStatus& status);

// The same for a workspace that built before (a preview that rebuilds on save): the packs and
// themes whose files changed are read again, the plugins and everything else are reused.
BuildOutcome rebuild(Workspace& workspace, const BuildSettings& settings, BuildStatus& status);

}  // namespace coachkit
