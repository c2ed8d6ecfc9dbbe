#include "zip/zip_dates.hpp"

#include "zip/zip_format.hpp"

namespace coachkit {

namespace {

using zip::read16;
using zip::read32;
using zip::write16;
using zip::write32;

// Unix times in "extended timestamp" extra fields (0x5455), where an archive has them.
void set_extended_timestamps(std::string& data, std::size_t at, std::size_t length,
                             std::uint32_t unix_time) {
  std::size_t end = at + length;
  while (at + 4 <= end) {
    std::uint32_t id = read16(data, at), size = read16(data, at + 2);
    if (at + 4 + size > end) return;
    if (id == 0x5455) {
      for (std::size_t t = at + 5; t + 4 <= at + 4 + size; t += 4) write32(data, t, unix_time);
    }
    at += 4 + size;
  }
}

}  // namespace

bool set_zip_entry_dates(const std::string& path, std::int64_t epoch_seconds, std::string* error) {
  std::string data;
  if (!zip::read_archive(path, &data, error)) return false;
  auto refuse = [&](const std::string& why) {
    *error = path + " is not a zip archive coachkit can date (" + why + ")";
    return false;
  };
  zip::CentralDirectory directory;
  std::string why;
  if (!zip::find_central_directory(data, &directory, &why)) return refuse(why);
  std::uint32_t entries = directory.entries;

  const zip::DosDate when = zip::dos_date(epoch_seconds);
  const std::uint32_t time = when.time, date = when.date;
  std::uint32_t unix_time = static_cast<std::uint32_t>(epoch_seconds < 0 ? 0 : epoch_seconds);
  std::size_t at = directory.offset;
  for (std::uint32_t i = 0; i < entries; ++i) {
    if (at + 46 > data.size() || read32(data, at) != zip::kCentralRecord) {
      return refuse("damaged central directory");
    }
    std::size_t name = read16(data, at + 28), extra = read16(data, at + 30),
                comment = read16(data, at + 32);
    std::size_t local = read32(data, at + 42);
    if (at + 46 + name + extra + comment > data.size() || local + 30 > data.size() ||
        read32(data, local) != zip::kLocalHeader) {
      return refuse("damaged entry");
    }
    std::size_t local_name = read16(data, local + 26), local_extra = read16(data, local + 28);
    if (local + 30 + local_name + local_extra > data.size()) return refuse("damaged entry");
    write16(data, at + 12, time);
    write16(data, at + 14, date);
    set_extended_timestamps(data, at + 46 + name, extra, unix_time);
    write16(data, local + 10, time);
    write16(data, local + 12, date);
    set_extended_timestamps(data, local + 30 + local_name, local_extra, unix_time);
    at += 46 + name + extra + comment;
  }
  return zip::write_archive(path, data, error);
}

}  // namespace coachkit
