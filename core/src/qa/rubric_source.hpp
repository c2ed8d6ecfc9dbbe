// Finds the rubric a QA command names, with the pack it belongs to, so that criteria drawn
// from a principle's do's and don'ts resolve and the report can show the principle behind each.
//
//   pack/rubrics/call-quality.toml   a rubric file inside a pack: the pack is loaded
//   some/rubric.toml                 a rubric file outside any pack: read alone
//   PACK_DIR:call-quality            a pack folder and a rubric id
//   service-principles:call-quality  an installed or plugin-provided pack's id and a rubric id
//   PACK_DIR                         a pack folder with exactly one rubric
#pragma once

#include "support/diagnostics.hpp"
#include "support/install_layout.hpp"
#include "workspace/workspace.hpp"

#include <coachkit/model.hpp>

#include <optional>
#include <string>
#include <vector>

namespace coachkit {

struct RubricSource {
  Pack pack;              // the whole pack (empty but for the rubric when read alone)
  std::size_t index = 0;  // of the rubric in pack.rubrics
  const Rubric& rubric() const { return pack.rubrics[index]; }
};

// A pack named by id comes from the workspace's catalog (its plugins loaded once).
std::optional<RubricSource> resolve_rubric(const std::string& argument, Workspace& workspace,
                                           Diagnostics& diagnostics);
// The same in a workspace of its own.
std::optional<RubricSource> resolve_rubric(const std::string& argument,
                                           const std::vector<std::string>& plugin_dirs,
                                           const InstallLayout& layout, Diagnostics& diagnostics);

}  // namespace coachkit
