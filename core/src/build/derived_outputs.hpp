// What the builder needs to make a derived artifact (Artifact::derived): which planned outputs
// its patterns match, and one guarded call into the plugin's `make`.
#pragma once

#include "support/problem.hpp"

#include <coachkit/artifact.hpp>
#include <coachkit/generator.hpp>

#include <optional>
#include <string>
#include <vector>

namespace coachkit {

// Whether `name` (an output's path, '/' between parts) matches `pattern`: '*' is any run of
// characters but '/', '?' one such character, anything else itself.
bool output_pattern_matches(const std::string& pattern, const std::string& name);

// Calls planned.make(used, *made, reporter), with *made a copy of `planned` and, whatever make
// did, `planned`'s name, kind, formats, page, theme and position: only the content (document
// or bytes) is make's. An exception it throws comes back as a problem (origin Plugin, its
// message saying what was thrown, for the caller to name the plugin), never as an exception.
std::optional<Problem> make_derived(const Artifact& planned, const std::vector<UsedOutput>& used,
                                    Artifact* made, Reporter& reporter);

}  // namespace coachkit
