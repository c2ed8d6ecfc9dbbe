#include "zip_dates.hpp"

#include <ctime>
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

// MS-DOS time and date (UTC, two-second steps); the format starts in 1980.
void dos_time_and_date(std::int64_t epoch_seconds, std::uint32_t* time, std::uint32_t* date) {
  const std::int64_t dos_epoch = 315532800;  // 1980-01-01T00:00:00Z
  const std::int64_t dos_end = 4354819198;   // 2107-12-31T23:59:58Z
  std::time_t t = static_cast<std::time_t>(epoch_seconds < dos_epoch ? dos_epoch
                                           : epoch_seconds > dos_end ? dos_end
                                                                     : epoch_seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  *time = static_cast<std::uint32_t>(utc.tm_hour << 11 | utc.tm_min << 5 | utc.tm_sec / 2);
  *date = static_cast<std::uint32_t>((utc.tm_year + 1900 - 1980) << 9 | (utc.tm_mon + 1) << 5 |
                                     utc.tm_mday);
}

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
    *error = path + " is not a zip archive coachkit can date (" + why + ")";
    return false;
  };
  // The end-of-central-directory record: the last thing in the file, before a comment.
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
  std::uint32_t directory = read32(data, end_record + 16);
  if (entries == 0xFFFF || directory == 0xFFFFFFFF) return refuse("ZIP64");

  std::uint32_t time = 0, date = 0;
  dos_time_and_date(epoch_seconds, &time, &date);
  std::uint32_t unix_time = static_cast<std::uint32_t>(epoch_seconds < 0 ? 0 : epoch_seconds);
  std::size_t at = directory;
  for (std::uint32_t i = 0; i < entries; ++i) {
    if (at + 46 > data.size() || read32(data, at) != 0x02014b50) {
      return refuse("damaged central directory");
    }
    std::size_t name = read16(data, at + 28), extra = read16(data, at + 30),
                comment = read16(data, at + 32);
    std::size_t local = read32(data, at + 42);
    if (at + 46 + name + extra + comment > data.size() || local + 30 > data.size() ||
        read32(data, local) != 0x04034b50) {
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
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  if (!out) {
    *error = "cannot write " + path;
    return false;
  }
  return true;
}

}  // namespace coachkit
