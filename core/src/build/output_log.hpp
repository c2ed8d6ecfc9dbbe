// The record of what each output file in a pack's output folder was built from.
//
// Invariant: a record is trusted only while the file it describes is the very file that was
// recorded. Each record holds the fingerprint of the inputs together with the file's identity
// (inode, size, modification time) taken right after the file was renamed into place, and is
// appended to the log at once (as ninja's .ninja_log is), so a build killed at any moment
// leaves either a claim without a record for a new file (it is rebuilt, or removed once no build
// makes it) or a record whose identity no longer matches the file (it is rebuilt). "Unchanged"
// is then always true, and nothing a build wrote is ever left behind unknown.
#pragma once

#include "support/problem.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace coachkit {

// Who a file is on disk: a rename, a rewrite or a touch changes it.
struct FileIdentity {
  std::uint64_t inode = 0;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  bool operator==(const FileIdentity& o) const {
    return inode == o.inode && size == o.size && mtime_ns == o.mtime_ns;
  }
  bool operator!=(const FileIdentity& o) const { return !(*this == o); }
};

// The identity of a regular file, or false when there is none at `path`.
bool identify_file(const std::string& path, FileIdentity* identity);

struct OutputRecord {
  std::string key;  // fingerprint of everything the output depends on; empty for a claim
  FileIdentity file;
};

class OutputLog {
 public:
  static constexpr const char* kFileName = ".coachkit-log";

  // Reads DIRECTORY/.coachkit-log; a missing or damaged log (or a torn last line) reads as
  // fewer records, never as wrong ones.
  explicit OutputLog(std::string directory);
  ~OutputLog();
  OutputLog(const OutputLog&) = delete;
  OutputLog& operator=(const OutputLog&) = delete;

  const std::map<std::string, OutputRecord>& records() const { return records_; }

  // A digest of every record (path, key and file identity): any output written, replaced or
  // removed since, by whichever build, changes it.
  std::string state() const;

  // Whether the file at DIRECTORY/relative is the one recorded with this key.
  bool up_to_date(const std::string& relative, const std::string& key) const;

  // Records the file now at DIRECTORY/relative, built with `key`: appended to the log before
  // this returns. Safe to call from several threads. Each of these returns the problem (origin
  // Tool) when the log cannot be written.
  std::optional<Problem> record(const std::string& relative, const std::string& key);
  // Claims a name before its file is written, appended unless the log already knows the name:
  // a build killed after the file lands but before its record leaves the name in the log, so
  // a later build that no longer makes it removes it. A claim is never up to date.
  std::optional<Problem> claim(const std::string& relative);
  // Records that an output was removed.
  std::optional<Problem> forget(const std::string& relative);

  // Rewrites the log with one line per output (temporary file, then rename).
  std::optional<Problem> compact();

 private:
  std::optional<Problem> append(const std::string& line);

  std::string directory_;
  std::map<std::string, OutputRecord> records_;
  int fd_ = -1;
  std::mutex mutex_;
};

}  // namespace coachkit
