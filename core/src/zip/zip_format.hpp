// What the zip editors (zip_dates, zip_entries) share beyond the SDK's coachkit/zip.hpp: opening
// a whole archive, walking its central directory with every record checked, and writing it back.
// Only plain zip archives (no ZIP64) are read: pandoc's DOCX, ODT and PPTX files are never that
// large.
#pragma once

#include "support/problem.hpp"

#include <coachkit/zip.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

// The little-endian fields, the records' signatures and the CRC-32 are the SDK's
// (coachkit/zip.hpp), which plugins write their archives with.
namespace coachkit::zip {

// Where the central directory is: the end record's offset, the number of entries and the
// directory's offset.
struct CentralDirectory {
  std::size_t end_record = 0;
  std::uint32_t entries = 0;
  std::size_t offset = 0;
};

// One entry as its central record and local header give it, both checked to lie inside the
// archive: the central record at `record` (`record_length` bytes, its name, extra field and
// comment included), the local header at `local` (`local_length` bytes, its name and extra
// field included).
struct EntryRecord {
  std::size_t record = 0;
  std::size_t record_length = 0;
  std::size_t name_length = 0;
  std::size_t extra_length = 0;
  std::size_t local = 0;
  std::size_t local_length = 0;
  std::size_t local_name_length = 0;
  std::size_t local_extra_length = 0;
};

// An archive read whole, for editing: its bytes and its central directory. `purpose` is what
// the caller would do ("date", "edit"), for the refusal: "PATH is not a zip archive coachkit
// can date (ZIP64)".
class Archive {
 public:
  std::optional<Problem> open(const std::string& path, const std::string& purpose);
  // The checked entry whose central record is at `at` (the first is at directory().offset, the
  // next at at + record_length), or the refusal naming what is damaged.
  std::optional<Problem> entry_at(std::size_t at, EntryRecord* entry) const;
  // Why the archive cannot be edited, as open() words it.
  Problem refuse(const std::string& why) const;

  std::string data;
  const CentralDirectory& directory() const { return directory_; }

 private:
  std::string path_, purpose_;
  CentralDirectory directory_;
};

// Writes `data` over the file at `path`, or a problem naming it.
std::optional<Problem> write_archive(const std::string& path, const std::string& data);

}  // namespace coachkit::zip
