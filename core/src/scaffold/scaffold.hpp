// `coachkit new`: the starting points an author copies from, written so that they build, lint
// and load clean as written. A pack comes with a project file; a plugin is a CMake project that
// finds the installed SDK with find_package(coachkit) and tests its generator with GoogleTest.
//
// A scaffold never overwrites anything: the folder must not exist. Its files are written into
// a temporary sibling that is renamed into place at the end, so a failure leaves nothing behind.
#pragma once

#include "support/problem.hpp"

#include <optional>
#include <string>
#include <vector>

namespace coachkit {

// Whether `name` can name a pack or plugin: lower-case letters, digits and '-', starting with
// a letter, at most 64 characters (a plugin's name is also its generator kind and file name).
std::optional<Problem> valid_scaffold_name(const std::string& name);

// DIR/coachkit.toml and DIR/pack/ (pack.toml, one principle with a do and a don't, one
// activity), and DIR/schema/ with the JSON Schemas; each file starts with taplo's `#:schema`
// comment naming its schema by a path relative to the file.
std::optional<Problem> scaffold_pack(const std::string& directory, const std::string& name);

// DIR/CMakeLists.txt, DIR/src/ (the entry point and a generator of kind NAME), DIR/tests/ (a
// GoogleTest that calls the generator on a pack built in code) and DIR/README.md.
std::optional<Problem> scaffold_plugin(const std::string& directory, const std::string& name);

// The files each scaffold writes, relative to its folder, for listing them to the author.
std::vector<std::string> scaffold_pack_files(const std::string& name);
std::vector<std::string> scaffold_plugin_files(const std::string& name);

}  // namespace coachkit
