#include "pack/schema.hpp"

#include "support/atomic_file.hpp"

#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace coachkit {

std::optional<Problem> write_schemas(const std::string& directory) {
  std::error_code ec;
  fs::create_directories(directory, ec);
  if (ec) return tool_error("cannot create the folder " + directory + ": " + ec.message());
  for (const SchemaFile& schema : content_schemas()) {
    std::string path = (fs::path(directory) / schema.name).string();
    if (auto problem = write_file_atomically(path, schema.text)) return problem;
  }
  return std::nullopt;
}

}  // namespace coachkit
