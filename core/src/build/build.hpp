// Builds one pack's outputs: asks every generator for its artifacts, renders each document in
// each of its formats and writes each file, in parallel, skipping outputs whose inputs have not
// changed. What is in place is recorded as soon as it is in place (see output_log.hpp).
#pragma once

#include "hosting/generator_host.hpp"
#include "render/renderer.hpp"
#include "support/diagnostics.hpp"
#include "support/problem.hpp"

#include <coachkit/format.hpp>
#include <coachkit/model.hpp>
#include <coachkit/options.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace coachkit {

struct BuildOptions {
  std::string out_directory = "out";
  std::vector<Format> formats = default_formats();
  std::vector<std::string> only_kinds;               // empty: every generator
  std::map<std::string, Options> generator_options;  // by generator kind
  std::uint64_t seed = 0;
  std::string edition;
  std::string paper;  // "a4" or "letter" for every pack; "": each pack's [pack] paper, or a4
  std::int64_t source_date = 0;  // the date outputs carry (see source_date.hpp)
  int jobs = 2;
  bool progress = false;  // a one-line counter on a terminal
  // Why PDF cannot be made in this build (WeasyPrint missing), or "": every PDF output then
  // fails with this reason, and every other output is still built.
  std::string pdf_unavailable;
  // Outputs land in out_directory itself rather than in a folder named after the pack (a
  // coaching report's, whose pack is the rubric's).
  bool in_out_directory = false;
  // Outputs someone is looking at (a preview's open pages), by path under out_directory
  // ("pack/handouts/x.html"): rendered before all others, each alone.
  std::vector<std::string> first;
  // Called with each output's path under out_directory as soon as it is written and recorded
  // (not for one left unchanged), from the thread that wrote it: it must be quick and safe to
  // call from several threads at once.
  std::function<void(const std::string&)> written;
};

// An output the build left in place: its path under the output folder and whether it was
// already there from an earlier build (unchanged, not rendered again).
struct BuiltOutput {
  std::string path;
  bool unchanged = false;
};

// What one pack's build did: counts, and every problem with its severity and origin (a warning
// or an error in the content, a plugin's or a tool's failure), warnings first, in the order the
// program prints them.
struct BuildReport {
  int written = 0;
  int unchanged = 0;
  int removed = 0;  // outputs of earlier builds that no generator makes any more
  int failed = 0;   // outputs not made, and plugins that failed, each named by a problem
  // A generator found a problem in the content: the build of this pack stopped before writing.
  bool stopped = false;
  std::vector<Problem> problems;
  // Every output in place after the build, in the order the generators planned them.
  std::vector<BuiltOutput> outputs;
  bool ok() const;
};

class Builder {
 public:
  Builder(const GeneratorHost& host, Renderer& renderer, const Theme& theme, BuildOptions options)
      : host_(host), renderer_(renderer), theme_(theme), options_(std::move(options)) {}

  // Outputs land in OUT/<pack id>/<artifact name>[.<format>] (OUT/<artifact name>[.<format>]
  // with BuildOptions::in_out_directory). With a content error from a generator nothing is
  // written.
  BuildReport build(const Pack& pack);

  // A theme an artifact may ask for by name (Artifact::theme), beside the build's own.
  void add_theme(const Theme& theme) { other_themes_[theme.name] = theme; }

 private:
  std::map<std::string, Theme> other_themes_;
  const GeneratorHost& host_;
  Renderer& renderer_;
  const Theme& theme_;
  BuildOptions options_;
};

// The fingerprint of a rendered output: everything its bytes depend on (the program's and the
// tools' versions, the format, what pandoc reads, the date when the format carries one, the
// page and the reference document's bytes where the format uses them). Every rendered
// document, a pack's or a coaching report, is recorded with it.
std::string rendered_output_key(const Renderer& renderer, Format format, const std::string& input,
                                std::int64_t source_date, const std::string& reference_document,
                                const PageSetup& office_page, bool fit_to_one_page = false,
                                double smallest_font_pt = 0);

// Why an artifact name cannot be used as a path inside the output folder, or "" when it can.
std::string check_artifact_name(const std::string& name);

}  // namespace coachkit
