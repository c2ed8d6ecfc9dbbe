#include "build/output_placement.hpp"

#include <filesystem>
#include <system_error>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

bool is_within(const fs::path& path, const fs::path& root) {
  auto r = root.begin(), p = path.begin();
  for (; r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // the "" after a trailing separator
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

}  // namespace

std::optional<Problem> output_outside_pack(const std::string& out_directory,
                                           const std::string& pack_folder,
                                           const std::string& pack_id) {
  if (pack_folder.empty()) return std::nullopt;  // a pack from a plugin has no folder to write into
  std::error_code ec;
  fs::path pack = fs::weakly_canonical(fs::absolute(pack_folder, ec), ec);
  if (ec) return std::nullopt;
  fs::path out = fs::absolute(out_directory, ec);
  if (!pack_id.empty()) out /= pack_id;
  out = fs::weakly_canonical(out, ec);
  if (ec) return std::nullopt;
  // The pack's folder as the outputs' folder (or inside it): outputs would mix with the pack's
  // own files. A folder inside the pack, such as PACK/out, keeps them apart and is allowed.
  if (!is_within(pack, out)) return std::nullopt;
  return usage_error("the outputs would be written to " + out.string() + ", into the pack " +
                     pack.string() +
                     " that is being built, among its content; choose another --out");
}

}  // namespace coachkit
