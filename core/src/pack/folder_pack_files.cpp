#include "pack/pack_files.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;

namespace coachkit {

FolderPackFiles::FolderPackFiles(std::string directory) : directory_(std::move(directory)) {
  // Once, not per file: every read compares its file's real path with this one.
  std::error_code ec;
  root_ = fs::canonical(directory_, ec);
  if (ec) root_.clear();
}

std::string FolderPackFiles::display(const std::string& relative) const {
  return (fs::path(directory_) / relative).lexically_normal().generic_string();
}

bool FolderPackFiles::list(const std::string& folder, std::vector<std::string>* files,
                           Diagnostic* problem) const {
  files->clear();
  fs::path path = fs::path(directory_) / folder;
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return true;
  std::vector<std::string> names;
  fs::directory_iterator it(path, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code type_error;
    // A FIFO or a device named *.toml would block the read or never end: regular files only.
    if (it->path().extension() == ".toml" && it->is_regular_file(type_error)) {
      names.push_back(it->path().filename().string());
    }
  }
  if (ec) {
    *problem = Diagnostic{display(folder), 0, 0, "cannot read the folder: " + ec.message()};
    return false;
  }
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) files->push_back(folder + "/" + name);
  return true;
}

bool FolderPackFiles::exists(const std::string& relative) const {
  std::error_code ec;
  return fs::is_regular_file(fs::path(directory_) / relative, ec);
}

bool FolderPackFiles::read(const std::string& relative, std::string* text,
                           Diagnostic* problem) const {
  fs::path path = fs::path(directory_) / relative;
  // A problem with a file that exists is reported at its start, where an editor can jump.
  auto refuse = [&](const std::string& message) {
    *problem = Diagnostic{display(relative), 1, 1, message};
    return false;
  };
  // Packs are untrusted: a link must not make coachkit read a file outside the pack.
  std::error_code ec;
  fs::path real = fs::canonical(path, ec);
  fs::path inside = ec || root_.empty() ? fs::path() : real.lexically_relative(root_);
  if (ec || root_.empty() || inside.empty() || *inside.begin() == "..") {
    return refuse(
        "refused: it is a link to a file outside the pack (content files must be inside the "
        "pack's folder)");
  }
  if (!fs::is_regular_file(real, ec)) return refuse("refused: not a regular file");
  std::uintmax_t size = fs::file_size(real, ec);
  if (ec) return refuse("cannot read the file: " + ec.message());
  if (size > kMaxContentFileBytes) return refuse(too_large_message(size));
  std::FILE* in = std::fopen(real.c_str(), "rb");
  if (!in) return refuse("cannot read the file");
  // One read into a buffer of the measured size (and one byte more, to see a file that grew).
  text->resize(static_cast<std::size_t>(size) + 1);
  std::size_t got = 0;
  while (got < text->size()) {
    std::size_t n = std::fread(&(*text)[got], 1, text->size() - got, in);
    if (n == 0) break;
    got += n;
    if (got == text->size() && got <= kMaxContentFileBytes) text->resize(got * 2);
  }
  bool failed = std::ferror(in) != 0;
  std::fclose(in);
  if (failed) return refuse("cannot read the file");
  text->resize(got);
  // The file may have grown since it was measured.
  if (text->size() > kMaxContentFileBytes) return refuse(too_large_message(text->size()));
  return true;
}

}  // namespace coachkit
