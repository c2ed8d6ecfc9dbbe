#include "zip/zip_dates.hpp"

#include "zip/zip_format.hpp"

namespace coachkit {

namespace {

using zip::read16;
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

std::optional<Problem> set_zip_entry_dates(const std::string& path, std::int64_t epoch_seconds) {
  zip::Archive archive;
  if (auto problem = archive.open(path, "date")) return problem;
  std::string& data = archive.data;

  const zip::DosDate when = zip::dos_date(epoch_seconds);
  const std::uint32_t time = when.time, date = when.date;
  std::uint32_t unix_time = static_cast<std::uint32_t>(epoch_seconds < 0 ? 0 : epoch_seconds);
  std::size_t at = archive.directory().offset;
  for (std::uint32_t i = 0; i < archive.directory().entries; ++i) {
    zip::EntryRecord entry;
    if (auto problem = archive.entry_at(at, &entry)) return problem;
    write16(data, at + 12, time);
    write16(data, at + 14, date);
    set_extended_timestamps(data, at + 46 + entry.name_length, entry.extra_length, unix_time);
    write16(data, entry.local + 10, time);
    write16(data, entry.local + 12, date);
    set_extended_timestamps(data, entry.local + 30 + entry.local_name_length,
                            entry.local_extra_length, unix_time);
    at += entry.record_length;
  }
  return zip::write_archive(path, data);
}

}  // namespace coachkit
