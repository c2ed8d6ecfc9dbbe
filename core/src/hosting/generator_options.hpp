// Reads each [generators.KIND] table of a project file against the options that generator
// declares, so generators only ever see options they know, of the type they expect, and the
// author sees every mistake at FILE:LINE:COL before anything is built.
#pragma once

#include "hosting/generator_host.hpp"
#include "support/diagnostics.hpp"

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
// type the generator declares (a list: comma-separated), checked against its declared limits
// and set over the project file's values; "*.KEY=VALUE" (see option_shortcut) sets KEY of every
// generator that declares it. Problems are reported as "command line: …".
void apply_option_settings(const std::vector<std::string>& settings,
                           const std::vector<GeneratorInfo>& generators,
                           std::map<std::string, Options>& options, Diagnostics& diagnostics);

// The setting for the command line's shortcut `--KEY VALUE`: the option KEY of every loaded
// generator that declares it, whichever plugin that is ("*.KEY=VALUE").
std::string option_shortcut(const std::string& key, const std::string& value);

// What a declared option accepts beyond its type: "from 1 to 26", "none, mix or only", or "".
std::string describe_limits(const OptionSpec& spec);

// "" when `value` is within what `spec` declares; otherwise the message, e.g. "option 'versions'
// must be from 1 to 26, not 30".
std::string check_option_limits(const OptionSpec& spec, const OptionValue& value);

// Every option of `generators`, one line each, for help: "  quiz.versions (or --versions): an
// integer, from 1 to 26; how many versions…". `shortcuts` are the keys the command line also
// takes as --KEY.
std::string describe_generator_options(const std::vector<GeneratorInfo>& generators,
                                       const std::vector<std::string>& shortcuts);

}  // namespace coachkit
