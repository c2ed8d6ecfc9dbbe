// Writing zip archives, for the host and for plugins (a quiz's QTI and SCORM packages): a stored
// (uncompressed) archive whose entries are all dated one moment, the build's source date and
// never the clock, so the same entries give the same bytes. Header-only; also the little-endian
// fields and the CRC-32 that the host's zip editors (core/src/zip) read and rewrite archives with.
#pragma once

#include <coachkit/version.hpp>

#include <array>
#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

COACHKIT_NAMESPACE_BEGIN

namespace zip {

// Little-endian fields: read at an offset, overwrite at an offset, or append.
inline std::uint32_t read16(const std::string& data, std::size_t at) {
  return static_cast<unsigned char>(data[at]) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + 1])) << 8;
}
inline std::uint32_t read32(const std::string& data, std::size_t at) {
  return read16(data, at) | read16(data, at + 2) << 16;
}
inline void write16(std::string& data, std::size_t at, std::uint32_t value) {
  data[at] = static_cast<char>(value & 0xFF);
  data[at + 1] = static_cast<char>((value >> 8) & 0xFF);
}
inline void write32(std::string& data, std::size_t at, std::uint32_t value) {
  write16(data, at, value & 0xFFFF);
  write16(data, at + 2, value >> 16);
}
inline void append16(std::string& out, std::uint32_t value) {
  out += static_cast<char>(value & 0xFF);
  out += static_cast<char>((value >> 8) & 0xFF);
}
inline void append32(std::string& out, std::uint32_t value) {
  append16(out, value & 0xFFFF);
  append16(out, value >> 16);
}

// Signatures of the records an archive is made of.
inline constexpr std::uint32_t kLocalHeader = 0x04034b50;
inline constexpr std::uint32_t kCentralRecord = 0x02014b50;
inline constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
inline constexpr std::uint32_t kDataDescriptor = 0x08074b50;

// The CRC-32 of zip (and PNG, gzip): polynomial 0xEDB88320, reflected.
inline std::uint32_t crc32(std::string_view bytes) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t crc = 0xFFFFFFFFU;
  for (unsigned char b : bytes) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFU;
}

// A moment as MS-DOS time and date (UTC, two-second steps), the fields a zip entry is dated
// with; the format runs from 1980-01-01 to 2107-12-31, and a moment outside is clamped to it.
struct DosDate {
  std::uint32_t time = 0, date = 0;
};
inline DosDate dos_date(std::int64_t epoch_seconds) {
  const std::int64_t dos_epoch = 315532800;  // 1980-01-01T00:00:00Z
  const std::int64_t dos_end = 4354819198;   // 2107-12-31T23:59:58Z
  std::time_t t = static_cast<std::time_t>(epoch_seconds < dos_epoch ? dos_epoch
                                           : epoch_seconds > dos_end ? dos_end
                                                                     : epoch_seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  DosDate d;
  d.time = static_cast<std::uint32_t>(utc.tm_hour << 11 | utc.tm_min << 5 | utc.tm_sec / 2);
  d.date = static_cast<std::uint32_t>((utc.tm_year + 1900 - 1980) << 9 | (utc.tm_mon + 1) << 5 |
                                      utc.tm_mday);
  return d;
}

struct Entry {
  std::string name;  // "folder/file.xml": '/' separates folders; UTF-8
  std::string bytes;
};

// A stored archive of `entries` in their order, each dated `source_date` (seconds since 1970).
// No ZIP64: the entries and the archive stay under 4 GiB.
inline std::string stored_archive(const std::vector<Entry>& entries, std::int64_t source_date) {
  const DosDate when = dos_date(source_date);
  std::string out, directory;
  for (const Entry& e : entries) {
    const std::uint32_t offset = static_cast<std::uint32_t>(out.size());
    const std::uint32_t crc = crc32(e.bytes);
    const std::uint32_t size = static_cast<std::uint32_t>(e.bytes.size());
    const std::uint32_t name_size = static_cast<std::uint32_t>(e.name.size());
    append32(out, kLocalHeader);
    append16(out, 20);      // version needed
    append16(out, 0x0800);  // names are UTF-8
    append16(out, 0);       // stored
    append16(out, when.time);
    append16(out, when.date);
    append32(out, crc);
    append32(out, size);
    append32(out, size);
    append16(out, name_size);
    append16(out, 0);  // extra
    out += e.name;
    out += e.bytes;

    append32(directory, kCentralRecord);
    append16(directory, 20);  // made by
    append16(directory, 20);  // version needed
    append16(directory, 0x0800);
    append16(directory, 0);
    append16(directory, when.time);
    append16(directory, when.date);
    append32(directory, crc);
    append32(directory, size);
    append32(directory, size);
    append16(directory, name_size);
    append16(directory, 0);  // extra
    append16(directory, 0);  // comment
    append16(directory, 0);  // disk
    append16(directory, 0);  // internal attributes
    append32(directory, 0);  // external attributes
    append32(directory, offset);
    directory += e.name;
  }
  const std::uint32_t directory_offset = static_cast<std::uint32_t>(out.size());
  const std::uint32_t count = static_cast<std::uint32_t>(entries.size());
  out += directory;
  append32(out, kEndOfDirectory);
  append16(out, 0);  // this disk
  append16(out, 0);  // the directory's disk
  append16(out, count);
  append16(out, count);
  append32(out, static_cast<std::uint32_t>(directory.size()));
  append32(out, directory_offset);
  append16(out, 0);  // comment
  return out;
}

}  // namespace zip

COACHKIT_NAMESPACE_END
