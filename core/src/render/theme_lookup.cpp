#include "render/theme_lookup.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

// Whether `path`, symbolic links followed, lies inside `root` (also resolved).
bool resolves_inside(const fs::path& path, const fs::path& root) {
  std::error_code ec;
  fs::path real = fs::weakly_canonical(path, ec);
  if (ec) return false;
  fs::path real_root = fs::weakly_canonical(root, ec);
  if (ec) return false;
  auto r = real_root.begin(), p = real.begin();
  for (; r != real_root.end(); ++r, ++p) {
    if (r->empty()) continue;  // the trailing "" of a path ending in a separator
    if (p == real.end() || *p != *r) return false;
  }
  return true;
}

// A theme folder inside the pack whose every file stays inside the pack: a symbolic link to
// /etc/passwd named style.css would otherwise be copied into every HTML the theme styles.
bool theme_stays_inside(const fs::path& folder, const fs::path& pack) {
  if (!resolves_inside(folder, pack)) return false;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (!resolves_inside(it->path(), pack)) return false;
  }
  return !ec;
}

}  // namespace

bool is_plain_theme_name(const std::string& name) {
  if (name.empty() || name.size() > 64 || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

std::string find_theme(const std::string& theme, const std::string& pack_directory,
                       const InstallLayout& layout) {
  std::error_code ec;
  if (theme.find('/') != std::string::npos) return fs::is_directory(theme, ec) ? theme : "";
  std::vector<fs::path> candidates = {fs::path(layout.themes()) / theme};
  if (!pack_directory.empty()) {
    candidates.push_back(fs::path(pack_directory) / "themes" / theme);
    candidates.push_back(fs::path(pack_directory) / ".." / "themes" / theme);
  }
  for (const fs::path& candidate : candidates) {
    if (fs::is_directory(candidate, ec)) return candidate.lexically_normal().string();
  }
  return "";
}

std::string find_pack_theme(const std::string& theme, const std::string& pack_directory,
                            const InstallLayout& layout, bool* outside) {
  if (outside) *outside = false;
  if (!is_plain_theme_name(theme)) return "";
  std::error_code ec;
  fs::path installed = fs::path(layout.themes()) / theme;
  if (fs::is_directory(installed, ec)) return installed.lexically_normal().string();
  if (pack_directory.empty()) return "";
  fs::path own = fs::path(pack_directory) / "themes" / theme;
  if (!fs::is_directory(own, ec)) return "";
  if (!theme_stays_inside(own, pack_directory)) {
    if (outside) *outside = true;
    return "";
  }
  return own.lexically_normal().string();
}

std::string theme_names(const std::string& pack_directory, const InstallLayout& layout) {
  std::set<std::string> names;
  std::vector<fs::path> folders = {fs::path(layout.themes())};
  if (!pack_directory.empty()) folders.push_back(fs::path(pack_directory) / "themes");
  for (const fs::path& folder : folders) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_directory(ec)) names.insert(it->path().filename().string());
    }
  }
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "no themes are installed" : "themes: " + out;
}

std::vector<std::pair<std::string, std::string>> poster_themes(const Pack& pack,
                                                               const std::string& pack_directory,
                                                               const std::string& build_theme,
                                                               const InstallLayout& layout,
                                                               Diagnostics& diagnostics) {
  std::vector<std::pair<std::string, std::string>> found;
  for (const Poster& poster : pack.posters) {
    if (poster.theme.empty() || poster.theme == build_theme) continue;
    bool outside = false;
    std::string directory = find_pack_theme(poster.theme, pack_directory, layout, &outside);
    if (outside) {
      diagnostics.add(poster.theme_where.file, poster.theme_where.line, poster.theme_where.column,
                      "'theme' in [poster] is \"" + poster.theme + "\": the pack's themes/" +
                          poster.theme +
                          " leads outside the pack (a symbolic link); a pack's theme is made "
                          "of the pack's own files");
    } else if (directory.empty()) {
      diagnostics.add(poster.theme_where.file, poster.theme_where.line, poster.theme_where.column,
                      "'theme' in [poster] is \"" + poster.theme + "\": no theme of that name (" +
                          theme_names(pack_directory, layout) + ")");
    } else {
      found.emplace_back(poster.theme, directory);
    }
  }
  return found;
}

}  // namespace coachkit
