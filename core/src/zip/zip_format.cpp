#include "zip/zip_format.hpp"

#include <fstream>
#include <sstream>

namespace coachkit::zip {

bool find_central_directory(const std::string& data, CentralDirectory* directory,
                            std::string* why) {
  // The end-of-central-directory record: the last thing in the file, before a comment of at
  // most 65,535 bytes.
  if (data.size() < 22) {
    *why = "too short";
    return false;
  }
  std::size_t earliest = data.size() > 22 + 65535 ? data.size() - 22 - 65535 : 0;
  for (std::size_t at = data.size() - 22 + 1; at-- > earliest;) {
    if (read32(data, at) != kEndOfDirectory) continue;
    directory->end_record = at;
    directory->entries = read16(data, at + 10);
    directory->offset = read32(data, at + 16);
    if (directory->entries == 0xFFFF || directory->offset == 0xFFFFFFFF) {
      *why = "ZIP64";
      return false;
    }
    return true;
  }
  *why = "no end of central directory";
  return false;
}

bool read_archive(const std::string& path, std::string* data, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in) {
    *error = "cannot read " + path;
    return false;
  }
  *data = buffer.str();
  return true;
}

bool write_archive(const std::string& path, const std::string& data, std::string* error) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
  out.close();
  if (!out) {
    *error = "cannot write " + path;
    return false;
  }
  return true;
}

}  // namespace coachkit::zip
