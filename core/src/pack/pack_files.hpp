// Where the files of a content pack come from: a folder on disk, or text a plugin embeds.
// The loader reads through this interface only, so parsing never touches the file system and
// a test (or a fuzz target) can hand it text directly.
#pragma once

#include "support/diagnostics.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace coachkit {

// Content packs are untrusted: a file this large is a mistake or an attack, not content.
constexpr std::size_t kMaxContentFileBytes = 4 * 1024 * 1024;

class PackFiles {
 public:
  virtual ~PackFiles() = default;

  // The .toml files directly inside `folder` (e.g. "principles"), as paths relative to the
  // pack ("principles/respect.toml"), in name order. A folder that does not exist has no
  // files; one that exists but cannot be listed is a problem (false).
  virtual bool list(const std::string& folder, std::vector<std::string>* files,
                    Diagnostic* problem) const = 0;
  // Whether the pack has a file at `relative` (it may still be unreadable).
  virtual bool exists(const std::string& relative) const = 0;
  // The whole text of `relative`, or false with the reason.
  virtual bool read(const std::string& relative, std::string* text, Diagnostic* problem) const = 0;
  // How messages name `relative`, e.g. "content/my-pack/pack.toml".
  virtual std::string display(const std::string& relative) const = 0;
  // The folder the pack was loaded from, for Pack::directory; "" when it is not on disk.
  virtual std::string directory() const { return {}; }
};

// A pack folder on disk. Only regular files inside the folder are read (a link that leads out
// of it is refused), each at most kMaxContentFileBytes.
class FolderPackFiles : public PackFiles {
 public:
  // `directory` as the user typed it: messages name files by it.
  explicit FolderPackFiles(std::string directory);
  ~FolderPackFiles() override;
  FolderPackFiles(const FolderPackFiles&) = delete;
  FolderPackFiles& operator=(const FolderPackFiles&) = delete;

  bool list(const std::string& folder, std::vector<std::string>* files,
            Diagnostic* problem) const override;
  bool exists(const std::string& relative) const override;
  bool read(const std::string& relative, std::string* text, Diagnostic* problem) const override;
  std::string display(const std::string& relative) const override;
  std::string directory() const override { return directory_; }

 private:
  // Reads the regular file open at `fd` (and closes it).
  bool read_open(int fd, const std::string& relative, std::string* text, Diagnostic* problem) const;

  std::string directory_;
  std::filesystem::path root_;  // the folder's real path; empty when it has none
  int root_fd_ = -1;            // the folder itself, that files are opened beneath
};

// A pack held in memory, e.g. one a plugin provides: relative path -> TOML text. Messages name
// a file as `display_prefix` followed by its relative path, so that a prefix such as
// "plugin 'example-org' (coachkit-example-org.so): acme-way/" names both the plugin and the
// embedded file.
class MemoryPackFiles : public PackFiles {
 public:
  MemoryPackFiles(std::map<std::string, std::string> files, std::string display_prefix);

  bool list(const std::string& folder, std::vector<std::string>* files,
            Diagnostic* problem) const override;
  bool exists(const std::string& relative) const override;
  bool read(const std::string& relative, std::string* text, Diagnostic* problem) const override;
  std::string display(const std::string& relative) const override;

 private:
  std::map<std::string, std::string> files_;
  std::string display_prefix_;
};

// "the file is N bytes; a content file may be at most 4 MiB", shared by both kinds of files.
std::string too_large_message(std::size_t bytes);

}  // namespace coachkit
