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

bool edit_zip_entries(const std::string& path, const std::vector<std::string>& names,
                      const std::function<bool(const std::string& name, std::string* text)>& edit,
                      std::string* error) {
  std::string data;
  if (!zip::read_archive(path, &data, error)) return false;
  auto refuse = [&](const std::string& why) {
    *error = path + " is not a zip archive coachkit can edit (" + why + ")";
    return false;
  };
  zip::CentralDirectory directory;
  std::string why;
  if (!zip::find_central_directory(data, &directory, &why)) return refuse(why);
  std::uint32_t entries = directory.entries;
  std::size_t end_record = directory.end_record;

  std::string body, central;
  bool changed_any = false;
  std::size_t at = directory.offset;
  for (std::uint32_t i = 0; i < entries; ++i) {
    if (at + 46 > data.size() || read32(data, at) != zip::kCentralRecord) {
      return refuse("damaged central directory");
    }
    std::size_t name_length = read16(data, at + 28), extra = read16(data, at + 30),
                comment = read16(data, at + 32);
    std::size_t record_length = 46 + name_length + extra + comment;
    std::size_t local = read32(data, at + 42);
    if (at + record_length > data.size() || local + 30 > data.size() ||
        read32(data, local) != zip::kLocalHeader) {
      return refuse("damaged entry");
    }
    std::string name = data.substr(at + 46, name_length);
    std::uint32_t flags = read16(data, at + 8), method = read16(data, at + 10);
    std::size_t compressed_size = read32(data, at + 20), size = read32(data, at + 24);
    std::size_t local_header = 30 + read16(data, local + 26) + read16(data, local + 28);
    std::size_t start = local + local_header;
    if (start + compressed_size > data.size()) return refuse("damaged entry");
    std::size_t end = start + compressed_size;
    if (flags & 8) {  // a data descriptor follows the data, with or without its signature
      end += end + 4 <= data.size() && read32(data, end) == zip::kDataDescriptor ? 16 : 12;
      if (end > data.size()) return refuse("damaged entry");
    }
    std::string record = data.substr(at, record_length);
    write32(record, 42, static_cast<std::uint32_t>(body.size()));

    bool edited = false;
    std::string text;
    if (std::find(names.begin(), names.end(), name) != names.end()) {
      std::string stored = data.substr(start, compressed_size);
      if (method == 0) {
        text = stored;
      } else if (method != 8 || !inflate_raw(stored, size, &text)) {
        return refuse("cannot decompress " + name);
      }
      edited = edit(name, &text);
    }
    if (edited) {
      changed_any = true;
      std::uint32_t crc = zip::crc32(text);
      std::string header = data.substr(local, local_header);
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
      body += data.substr(local, end - local);
    }
    central += record;
    at += record_length;
  }
  if (!changed_any) return true;
  std::string end_of_directory = data.substr(end_record);
  write32(end_of_directory, 12, static_cast<std::uint32_t>(central.size()));
  write32(end_of_directory, 16, static_cast<std::uint32_t>(body.size()));
  std::string out = body + central + end_of_directory;
  return zip::write_archive(path, out, error);
}

}  // namespace coachkit
