#include "build/source_date.hpp"

#include <sys/stat.h>
#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

std::int64_t modified(const fs::path& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 ? static_cast<std::int64_t>(st.st_mtim.tv_sec) : 0;
}

}  // namespace

std::optional<Problem> source_date_for(const Pack& pack,
                                       const std::vector<std::string>& fallback_files,
                                       std::int64_t* date) {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) {
    char* end = nullptr;
    long long value = std::strtoll(epoch, &end, 10);
    if (*end != '\0' || value < 0 || value > 253402300799LL) {
      return usage_error(std::string("SOURCE_DATE_EPOCH is \"") + epoch +
                         "\"; expected a whole number of seconds since 1970-01-01");
    }
    *date = value;
    return std::nullopt;
  }
  if (pack.date) {
    *date = *pack.date;
    return std::nullopt;
  }
  std::int64_t newest = 0;
  for (const std::string& file : fallback_files) {
    std::error_code ec;
    newest = std::max(newest, modified(file));
    if (!fs::is_directory(file, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(file, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec)) newest = std::max(newest, modified(it->path()));
    }
  }
  *date = newest;
  return std::nullopt;
}

}  // namespace coachkit
