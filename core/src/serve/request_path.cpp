#include "serve/request_path.hpp"

#include <filesystem>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace coachkit::serve {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

ResolvedPath refused(std::string reason) {
  ResolvedPath r;
  r.verdict = PathVerdict::kRefused;
  r.reason = std::move(reason);
  return r;
}

// One segment, percent-decoded; false when it is malformed or could change the folder.
bool decode_segment(const std::string& raw, std::string* out, std::string* reason) {
  out->clear();
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (c == '%') {
      int high = i + 2 < raw.size() ? hex_value(raw[i + 1]) : -1;
      int low = i + 2 < raw.size() ? hex_value(raw[i + 2]) : -1;
      if (high < 0 || low < 0) {
        *reason = "a malformed percent escape";
        return false;
      }
      c = static_cast<char>(high * 16 + low);
      i += 2;
      if (c == '/' || c == '\\') {
        *reason = "an encoded slash";
        return false;
      }
    }
    if (c == '\0' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      *reason = "a backslash or control character";
      return false;
    }
    *out += c;
  }
  if (out->empty()) {
    *reason = "an empty path segment";
    return false;
  }
  if ((*out)[0] == '.') {
    *reason = *out == "." || *out == ".." ? "a '.' or '..' segment" : "a hidden name";
    return false;
  }
  return true;
}

bool inside(const fs::path& folder, const fs::path& path) {
  auto f = folder.begin();
  auto p = path.begin();
  for (; f != folder.end(); ++f, ++p) {
    if (p == path.end() || *f != *p) return false;
  }
  return true;
}

}  // namespace

ResolvedPath resolve_request_path(const std::string& root, const std::string& target) {
  std::string path = target.substr(0, target.find_first_of("?#"));
  if (path.empty() || path[0] != '/') return refused("not an absolute path");
  if (path == "/") {
    ResolvedPath r;
    r.verdict = PathVerdict::kIndex;
    return r;
  }
  std::vector<std::string> segments;
  std::size_t start = 1;
  while (true) {
    std::size_t slash = path.find('/', start);
    std::string raw = path.substr(start, slash == std::string::npos ? slash : slash - start);
    std::string segment;
    std::string reason;
    if (!decode_segment(raw, &segment, &reason)) return refused(reason);
    segments.push_back(segment);
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::error_code ec;
  fs::path real_root = fs::canonical(root, ec);
  if (ec) return refused("the output folder is gone");
  fs::path candidate = real_root;
  std::string relative;
  for (const std::string& segment : segments) {
    candidate /= segment;
    relative += (relative.empty() ? "" : "/") + segment;
  }
  ResolvedPath r;
  r.relative = relative;
  fs::path real = fs::canonical(candidate, ec);
  if (ec) {
    r.verdict = PathVerdict::kNotFound;
    return r;
  }
  // A symlink inside the folder may point anywhere: only its real place counts.
  if (!inside(real_root, real)) return refused("a link out of the output folder");
  if (!fs::is_regular_file(real, ec)) {
    r.verdict = PathVerdict::kNotFound;  // no directory listings
    return r;
  }
  r.verdict = PathVerdict::kFile;
  r.file = real.string();
  return r;
}

}  // namespace coachkit::serve
