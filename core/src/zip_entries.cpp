#include "zip_entries.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>

namespace coachkit {

namespace {

std::uint32_t read16(const std::string& data, std::size_t at) {
  return static_cast<unsigned char>(data[at]) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(data[at + 1])) << 8;
}

std::uint32_t read32(const std::string& data, std::size_t at) {
  return read16(data, at) | read16(data, at + 2) << 16;
}

void write16(std::string& data, std::size_t at, std::uint32_t value) {
  data[at] = static_cast<char>(value & 0xFF);
  data[at + 1] = static_cast<char>((value >> 8) & 0xFF);
}

void write32(std::string& data, std::size_t at, std::uint32_t value) {
  write16(data, at, value & 0xFFFF);
  write16(data, at + 2, value >> 16);
}

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
  {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (!in) {
      *error = "cannot read " + path;
      return false;
    }
    data = buffer.str();
  }
  auto refuse = [&](const std::string& why) {
    *error = path + " is not a zip archive coachkit can edit (" + why + ")";
    return false;
  };
  if (data.size() < 22) return refuse("too short");
  std::size_t end_record = std::string::npos;
  std::size_t earliest = data.size() > 22 + 65535 ? data.size() - 22 - 65535 : 0;
  for (std::size_t at = data.size() - 22 + 1; at-- > earliest;) {
    if (read32(data, at) == 0x06054b50) {
      end_record = at;
      break;
    }
  }
  if (end_record == std::string::npos) return refuse("no end of central directory");
  std::uint32_t entries = read16(data, end_record + 10);
  std::size_t directory = read32(data, end_record + 16);
  if (entries == 0xFFFF || directory == 0xFFFFFFFF) return refuse("ZIP64");

  std::string body, central;
  bool changed_any = false;
  std::size_t at = directory;
  for (std::uint32_t i = 0; i < entries; ++i) {
    if (at + 46 > data.size() || read32(data, at) != 0x02014b50) {
      return refuse("damaged central directory");
    }
    std::size_t name_length = read16(data, at + 28), extra = read16(data, at + 30),
                comment = read16(data, at + 32);
    std::size_t record_length = 46 + name_length + extra + comment;
    std::size_t local = read32(data, at + 42);
    if (at + record_length > data.size() || local + 30 > data.size() ||
        read32(data, local) != 0x04034b50) {
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
      end += end + 4 <= data.size() && read32(data, end) == 0x08074b50 ? 16 : 12;
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
      std::uint32_t crc = static_cast<std::uint32_t>(
          crc32(0, reinterpret_cast<const Bytef*>(text.data()), static_cast<uInt>(text.size())));
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
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(out.data(), static_cast<std::streamsize>(out.size()));
  file.close();
  if (!file) {
    *error = "cannot write " + path;
    return false;
  }
  return true;
}

}  // namespace coachkit
