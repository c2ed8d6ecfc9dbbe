// A stored (uncompressed) zip archive, written byte by byte: the entries' dates come from the
// build's source date, never the clock, so the same quiz gives the same bytes.
#include "quiz.hpp"

#include <ctime>

namespace quiz {

namespace {

std::uint32_t crc32(const std::string& bytes) {
  static std::uint32_t table[256];
  static bool ready = false;
  if (!ready) {
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
      table[i] = c;
    }
    ready = true;
  }
  std::uint32_t crc = 0xFFFFFFFFU;
  for (unsigned char b : bytes) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFU;
}

void put16(std::string& out, unsigned value) {
  out += static_cast<char>(value & 0xFF);
  out += static_cast<char>((value >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t value) {
  put16(out, value & 0xFFFF);
  put16(out, value >> 16);
}

}  // namespace

std::string stored_zip(const std::vector<ZipEntry>& entries, std::int64_t source_date) {
  // MS-DOS date and time (UTC), from 1980 on.
  std::time_t seconds = static_cast<std::time_t>(source_date < 315532800 ? 315532800 : source_date);
  std::tm t{};
  gmtime_r(&seconds, &t);
  unsigned dos_time = static_cast<unsigned>((t.tm_hour << 11) | (t.tm_min << 5) | (t.tm_sec / 2));
  unsigned dos_date =
      static_cast<unsigned>(((t.tm_year - 80) << 9) | ((t.tm_mon + 1) << 5) | t.tm_mday);
  std::string out, directory;
  for (const ZipEntry& e : entries) {
    std::uint32_t offset = static_cast<std::uint32_t>(out.size());
    std::uint32_t crc = crc32(e.bytes);
    std::uint32_t size = static_cast<std::uint32_t>(e.bytes.size());
    put32(out, 0x04034b50U);
    put16(out, 20);      // version needed
    put16(out, 0x0800);  // names are UTF-8
    put16(out, 0);       // stored
    put16(out, dos_time);
    put16(out, dos_date);
    put32(out, crc);
    put32(out, size);
    put32(out, size);
    put16(out, static_cast<unsigned>(e.name.size()));
    put16(out, 0);
    out += e.name;
    out += e.bytes;

    put32(directory, 0x02014b50U);
    put16(directory, 20);  // made by
    put16(directory, 20);
    put16(directory, 0x0800);
    put16(directory, 0);
    put16(directory, dos_time);
    put16(directory, dos_date);
    put32(directory, crc);
    put32(directory, size);
    put32(directory, size);
    put16(directory, static_cast<unsigned>(e.name.size()));
    put16(directory, 0);  // extra
    put16(directory, 0);  // comment
    put16(directory, 0);  // disk
    put16(directory, 0);  // internal attributes
    put32(directory, 0);  // external attributes
    put32(directory, offset);
    directory += e.name;
  }
  std::uint32_t directory_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  put32(out, 0x06054b50U);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<unsigned>(entries.size()));
  put16(out, static_cast<unsigned>(entries.size()));
  put32(out, static_cast<std::uint32_t>(directory.size()));
  put32(out, directory_offset);
  put16(out, 0);
  return out;
}

}  // namespace quiz
