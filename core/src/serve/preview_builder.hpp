// The one seam between `coachkit serve` and the build: rebuild what changed, say what the
// output folder now holds and what went wrong, as data. It runs the same entry point as
// `coachkit build` (build_project, with its stamps, fingerprints and output log, so a preview
// rebuilds exactly what a build would), in one workspace that loads the plugins once and
// rebuilds many times.
#pragma once

#include "build/build_session.hpp"
#include "build/output_log.hpp"
#include "support/install_layout.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace coachkit::serve {

struct PreviewProblem {
  std::string file;  // "" when the problem is not about a file
  int line = 0;
  int column = 0;
  std::string message;
  std::string quoted;  // the offending line, control characters escaped; "" when unknown

  std::string where() const;  // "FILE:LINE:COL", "FILE" or ""
};

struct PreviewOutcome {
  // Built: no errors; Failed: an error (of any origin, listed in `problems`); Skipped: HTML first
  // was asked for and no HTML is built, so nothing was.
  enum class Result { Built, Failed, Skipped } result = Result::Built;
  std::vector<PreviewProblem> problems;
  // Every file of the output folder, by path relative to it ("pack/handouts/x.html"), hidden
  // files left out: what the last good build left when this one failed.
  std::map<std::string, FileIdentity> outputs;
  std::string log;  // what the build printed, for the terminal
};

class PreviewBuilder {
 public:
  virtual ~PreviewBuilder() = default;
  // Where outputs land (served from) and what to watch for changes; both may change after a
  // rebuild (a project file may name other packs or another folder).
  virtual std::string output_directory() const = 0;
  virtual std::vector<std::string> inputs() const = 0;
  // `html_first`: only the HTML outputs, which a reader sees first; the next full rebuild
  // makes the rest. `open`: outputs someone is looking at (paths under the output folder),
  // rendered before every other; `written` is told of each output as soon as it is in place,
  // from the build's threads. Never throws.
  virtual PreviewOutcome rebuild(bool html_first, const std::vector<std::string>& open,
                                 const std::function<void(const std::string&)>& written) = 0;
};

// build_project with these settings.
std::unique_ptr<PreviewBuilder> make_build_session_preview(const BuildSettings& settings,
                                                           const InstallLayout& layout);

// The regular, non-hidden files under `folder`, by relative path.
std::map<std::string, FileIdentity> list_outputs(const std::string& folder);

}  // namespace coachkit::serve
