#include "zip/zip_format.hpp"

#include <fstream>
#include <sstream>

namespace coachkit::zip {

namespace {

// The end-of-central-directory record: the last thing in the file, before a comment of at most
// 65,535 bytes. "" when found, else why not ("too short", "ZIP64", …).
std::string find_central_directory(const std::string& data, CentralDirectory* directory) {
  if (data.size() < 22) return "too short";
  std::size_t earliest = data.size() > 22 + 65535 ? data.size() - 22 - 65535 : 0;
  for (std::size_t at = data.size() - 22 + 1; at-- > earliest;) {
    if (read32(data, at) != kEndOfDirectory) continue;
    directory->end_record = at;
    directory->entries = read16(data, at + 10);
    directory->offset = read32(data, at + 16);
    if (directory->entries == 0xFFFF || directory->offset == 0xFFFFFFFF) return "ZIP64";
    return "";
  }
  return "no end of central directory";
}

}  // namespace

Problem Archive::refuse(const std::string& why) const {
  return tool_error(path_ + " is not a zip archive coachkit can " + purpose_ + " (" + why + ")");
}

std::optional<Problem> Archive::open(const std::string& path, const std::string& purpose) {
  path_ = path;
  purpose_ = purpose;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in) return tool_error("cannot read " + path);
  data = buffer.str();
  std::string why = find_central_directory(data, &directory_);
  if (!why.empty()) return refuse(why);
  return std::nullopt;
}

std::optional<Problem> Archive::entry_at(std::size_t at, EntryRecord* entry) const {
  if (at + 46 > data.size() || read32(data, at) != kCentralRecord) {
    return refuse("damaged central directory");
  }
  EntryRecord e;
  e.record = at;
  e.name_length = read16(data, at + 28);
  e.extra_length = read16(data, at + 30);
  e.record_length = 46 + e.name_length + e.extra_length + read16(data, at + 32);
  e.local = read32(data, at + 42);
  if (at + e.record_length > data.size() || e.local + 30 > data.size() ||
      read32(data, e.local) != kLocalHeader) {
    return refuse("damaged entry");
  }
  e.local_name_length = read16(data, e.local + 26);
  e.local_extra_length = read16(data, e.local + 28);
  e.local_length = 30 + e.local_name_length + e.local_extra_length;
  if (e.local + e.local_length > data.size()) return refuse("damaged entry");
  *entry = e;
  return std::nullopt;
}

std::optional<Problem> write_archive(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  if (!out) return tool_error("cannot write " + path);
  return std::nullopt;
}

}  // namespace coachkit::zip
