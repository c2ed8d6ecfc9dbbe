// What the zip editors (zip_dates, zip_entries) share beyond the SDK's coachkit/zip.hpp: reading
// and writing a whole archive, and finding its central directory. Only plain zip archives (no
// ZIP64) are read: pandoc's DOCX, ODT and PPTX files are never that large.
#pragma once

#include <coachkit/zip.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

// The little-endian fields, the records' signatures and the CRC-32 are the SDK's
// (coachkit/zip.hpp), which plugins write their archives with.
namespace coachkit::zip {

// Where the central directory is: the end record's offset, the number of entries and the
// directory's offset. False + `why` ("too short", "ZIP64", …) when there is none to read.
struct CentralDirectory {
  std::size_t end_record = 0;
  std::uint32_t entries = 0;
  std::size_t offset = 0;
};
bool find_central_directory(const std::string& data, CentralDirectory* directory, std::string* why);

// The whole file, or false + error naming it.
bool read_archive(const std::string& path, std::string* data, std::string* error);
bool write_archive(const std::string& path, const std::string& data, std::string* error);

}  // namespace coachkit::zip
