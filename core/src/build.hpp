// Builds a pack's outputs: asks every generator for its documents, then renders each document
// in each format, in parallel, skipping outputs whose inputs have not changed.
#pragma once

#include "plugin_host.hpp"
#include "renderer.hpp"

#include <coachkit/model.hpp>

#include <functional>
#include <string>
#include <vector>

namespace coachkit {

struct BuildOptions {
  std::string out_directory = "out";
  std::vector<Format> formats = all_formats();
  std::vector<std::string> only_kinds;  // empty: every generator
  int jobs = 2;
  bool progress = false;  // a one-line counter on a terminal
};

struct BuildReport {
  int written = 0;
  int unchanged = 0;
  int removed = 0;  // outputs of earlier builds that no generator makes any more
  std::vector<std::string> plugin_errors;  // a plugin threw or made something unusable
  std::vector<std::string> render_errors;  // pandoc or WeasyPrint failed
  bool ok() const { return plugin_errors.empty() && render_errors.empty(); }
};

class Builder {
 public:
  Builder(const PluginHost& host, Renderer& renderer, const Theme& theme, BuildOptions options)
      : host_(host), renderer_(renderer), theme_(theme), options_(std::move(options)) {}

  // Outputs land in OUT/<pack id>/<artifact name>.<format>.
  BuildReport build(const Pack& pack);

 private:
  const PluginHost& host_;
  Renderer& renderer_;
  const Theme& theme_;
  BuildOptions options_;
};

// Why an artifact name cannot be used as a path inside the output folder, or "" when it can.
std::string check_artifact_name(const std::string& name);

}  // namespace coachkit
