// What the zip editors (zip_dates, zip_entries) share: little-endian fields, reading and
// writing a whole archive, and finding its central directory. Only plain zip archives (no
// ZIP64) are read: pandoc's DOCX, ODT and PPTX files are never that large.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace coachkit::zip {

std::uint32_t read16(const std::string& data, std::size_t at);
std::uint32_t read32(const std::string& data, std::size_t at);
void write16(std::string& data, std::size_t at, std::uint32_t value);
void write32(std::string& data, std::size_t at, std::uint32_t value);

// Signatures of the records an archive is made of.
inline constexpr std::uint32_t kLocalHeader = 0x04034b50;
inline constexpr std::uint32_t kCentralRecord = 0x02014b50;
inline constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
inline constexpr std::uint32_t kDataDescriptor = 0x08074b50;

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
