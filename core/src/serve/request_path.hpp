// Which file of the output folder a preview request names, if any. The request target comes
// from whoever can reach the port, so anything that could leave the folder is refused before the
// file system is asked: "." and ".." segments (also percent-encoded), encoded slashes and
// backslashes, NUL, empty segments ("//etc"), hidden names (".coachkit-log"), and, once resolved,
// any path whose real location (symlinks followed) is outside the folder.
#pragma once

#include <string>

namespace coachkit::serve {

enum class PathVerdict {
  kFile,      // `file` is a regular file inside the folder
  kIndex,     // "/": the index page
  kRefused,   // the target could leave the folder or is malformed: 400
  kNotFound,  // inside the folder, but no regular file there (directories included): 404
};

struct ResolvedPath {
  PathVerdict verdict = PathVerdict::kRefused;
  std::string file;      // absolute, for kFile
  std::string relative;  // "pack/handouts/x.html", for kFile and kNotFound
  std::string reason;    // why, for kRefused
};

// `target` is the raw request target ("/a/b.html?x=1"), before any percent-decoding; `root` an
// existing folder.
ResolvedPath resolve_request_path(const std::string& root, const std::string& target);

}  // namespace coachkit::serve
