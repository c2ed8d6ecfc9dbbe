#include "pack/schema.hpp"

#include "support/atomic_file.hpp"

#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace coachkit {

bool write_schemas(const std::string& directory, std::string* error) {
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec) {
    *error = "cannot create the folder " + directory + ": " + ec.message();
    return false;
  }
  for (const SchemaFile& schema : content_schemas()) {
    if (!write_file_atomically((fs::path(directory) / schema.name).string(), schema.text, error)) {
      return false;
    }
  }
  return true;
}

}  // namespace coachkit
