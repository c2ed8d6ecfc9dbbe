#include "zip/zip_entries.hpp"

#include "zip/zip_format.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdint>

namespace coachkit {

namespace {

using zip::read16;
using zip::read32;
using zip::write16;
using zip::write32;

bool inflate_raw(const std::string& compressed, std::size_t size, std::string* out) {
  out->assign(size, '\0');
  z_stream stream{};
  if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) return false;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out->data());
  stream.avail_out = static_cast<uInt>(out->size());
  int status = inflate(&stream, Z_FINISH);
  bool ok = status == Z_STREAM_END && stream.total_out == size;
  inflateEnd(&stream);
  return ok;
}

}  // namespace

std::optional<Problem> edit_zip_entries(
    const std::string& path, const std::vector<std::string>& names,
    const std::function<bool(const std::string& name, std::string* text)>& edit) {
  zip::Archive archive;
  if (auto problem = archive.open(path, "edit")) return problem;
  const std::string& data = archive.data;

  std::string body, central;
  bool changed_any = false;
  std::size_t at = archive.directory().offset;
  for (std::uint32_t i = 0; i < archive.directory().entries; ++i) {
    zip::EntryRecord entry;
    if (auto problem = archive.entry_at(at, &entry)) return problem;
    std::string name = data.substr(at + 46, entry.name_length);
    std::uint32_t flags = read16(data, at + 8), method = read16(data, at + 10);
    std::size_t compressed_size = read32(data, at + 20), size = read32(data, at + 24);
    std::size_t start = entry.local + entry.local_length;
    if (start + compressed_size > data.size()) return archive.refuse("damaged entry");
    std::size_t end = start + compressed_size;
    if (flags & 8) {  // a data descriptor follows the data, with or without its signature
      end += end + 4 <= data.size() && read32(data, end) == zip::kDataDescriptor ? 16 : 12;
      if (end > data.size()) return archive.refuse("damaged entry");
    }
    std::string record = data.substr(at, entry.record_length);
    write32(record, 42, static_cast<std::uint32_t>(body.size()));

    bool edited = false;
    std::string text;
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      std::string stored = data.substr(start, compressed_size);
      if (method == 0) {
        text = stored;
      } else if (method != 8 || !inflate_raw(stored, size, &text)) {
        return archive.refuse("cannot decompress " + name);
      }
      edited = edit(name, &text);
    }
    if (edited) {
      changed_any = true;
      std::uint32_t crc = zip::crc32(text);
      std::string header = data.substr(entry.local, entry.local_length);
      for (std::string* h : {&header, &record}) {
        std::size_t shift = h == &header ? 0 : 2;  // the central record has "version made by"
        write16(*h, 6 + shift, flags & ~8u);
        write16(*h, 8 + shift, 0);  // stored
        write32(*h, 14 + shift, crc);
        write32(*h, 18 + shift, static_cast<std::uint32_t>(text.size()));
        write32(*h, 22 + shift, static_cast<std::uint32_t>(text.size()));
      }
      body += header + text;
    } else {
      body += data.substr(entry.local, end - entry.local);
    }
    central += record;
    at += entry.record_length;
  }
  if (!changed_any) return std::nullopt;
  std::string end_of_directory = data.substr(archive.directory().end_record);
  write32(end_of_directory, 12, static_cast<std::uint32_t>(central.size()));
  write32(end_of_directory, 16, static_cast<std::uint32_t>(body.size()));
  return zip::write_archive(path, body + central + end_of_directory);
}

}  // namespace coachkit
