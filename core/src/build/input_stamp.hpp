// The no-op fast path: when nothing a pack's outputs depend on has changed since the last
// complete build, nothing is loaded, generated or hashed; coachkit only stats each input
// (content files, theme files, plugins, the tools and the program itself) and each output, as
// make and ninja do.
//
// Invariant: a stamp is saved only after a build of that pack finished with every output in
// place, together with the state of the output folder's log it left; it is trusted only while
// the log is in that state and every file is the one the log records. Any build into the same
// folder (from another source folder, with another theme or other settings, or killed half-way)
// that writes or removes an output changes the log, so a stamp on disk always describes the
// outputs on disk, whichever source it was saved for.
#pragma once

#include "build/fingerprint.hpp"
#include "support/problem.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace coachkit {

// A digest of settings and of the identity (size, modification time, inode) of input files.
class InputStamp {
 public:
  void add_setting(const std::string& name, const std::string& value);
  // A file (or its absence); a symbolic link is followed.
  void add_file(const std::string& path);
  // Every file below `directory`, in name order; hidden files and folders are left out.
  void add_tree(const std::string& directory);
  std::string digest() const { return fingerprint_.hex(); }

 private:
  void add(const std::string& part) { fingerprint_.add(part); }
  Fingerprint fingerprint_;
};

// The stamps of the packs built into one output folder (OUT/.coachkit-stamps).
class StampFile {
 public:
  explicit StampFile(std::string out_directory);
  // How many outputs are in place and unchanged when `source` (a pack folder or "pack:ID") was
  // last built with this stamp, no build has changed the pack's output folder since (its log
  // holds the very records it held then), and every output recorded in the log is still the
  // file that was written; nullopt otherwise.
  // `warning` is what the saved build said of content no loaded plugin makes into output.
  std::optional<int> unchanged_outputs(const std::string& source, const std::string& stamp,
                                       std::string* pack_id, std::string* warning) const;
  // Both write the file at once (temporary file, then rename); `save` also keeps the state of
  // the pack's output log (OutputLog::state) that this stamp describes. The problem when the
  // file cannot be written.
  std::optional<Problem> save(const std::string& source, const std::string& stamp,
                              const std::string& pack_id, int outputs, const std::string& warning);
  std::optional<Problem> drop(const std::string& source);

 private:
  std::string out_directory_;
};

}  // namespace coachkit
