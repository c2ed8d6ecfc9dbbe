// Reads each [generators.KIND] table of a project file against the options that generator
// declares, so generators only ever see options they know, of the type they expect, and the
// author sees every mistake at FILE:LINE:COL before anything is built.
#pragma once

#include "support/diagnostics.hpp"
#include "hosting/generator_host.hpp"

#include <coachkit/options.hpp>

#include <toml++/toml.h>

#include <map>
#include <string>
#include <vector>

namespace coachkit {

// `root` is the project file's table (may be null); `file` its name in messages.
std::map<std::string, Options> read_generator_options(const toml::table* root,
                                                      const std::string& file,
                                                      const std::vector<GeneratorInfo>& generators,
                                                      Diagnostics& diagnostics);

// Options given on the command line as "KIND.KEY=VALUE" (coachkit build --set), read as the
// type the generator declares (a list: comma-separated) and set over the project file's
// values. Problems are reported as "command line: …".
void apply_option_settings(const std::vector<std::string>& settings,
                           const std::vector<GeneratorInfo>& generators,
                           std::map<std::string, Options>& options, Diagnostics& diagnostics);

}  // namespace coachkit
