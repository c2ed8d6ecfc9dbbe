#include "scaffold/scaffold.hpp"

#include "pack/schema.hpp"

#include "support/atomic_file.hpp"

#include <coachkit/version.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <utility>

namespace fs = std::filesystem;

namespace coachkit {

namespace {

using Placeholders = std::vector<std::pair<std::string, std::string>>;

struct TemplateFile {
  const char* path;
  const char* text;
};

// ---- coachkit new pack ----------------------------------------------------------------------

const TemplateFile kPackFiles[] = {
    {"coachkit.toml", R"file(#:schema @SCHEMA@/project.schema.json
# A coachkit project: `coachkit build` in this folder builds the packs below into out/, and
# `coachkit lint .` checks them. The command line's --format and --out win over these.
[project]
packs = ["pack"]
formats = ["html", "pdf"]
out = "out"
)file"},
    {"pack/pack.toml", R"file(#:schema @SCHEMA@/pack.schema.json
[pack]
id = "@NAME@"
title = "@TITLE@"
version = "0.1.0"
language = "en"
authors = ["Your team"]
license = "CC-BY-4.0"
description = "What this pack teaches, in a sentence or two."

[[source]]
id = "our-experience"
title = "What our team learned on the phones"
author = "Your team"
)file"},
    {"pack/principles/listen-first.toml", R"file(#:schema @SCHEMA@/principle.schema.json
[principle]
id = "listen-first"
title = "Listen first"
summary = "Understand what the customer needs before you offer an answer."
body = """
Say what the principle means on a call, in a few short paragraphs.

A blank line starts a new paragraph. Every do and don't below says why, so people learn the
principle and not only the rule.
"""
source = "our-experience"
tags = ["listening"]

[[principle.do]]
id = "let-them-finish"
text = "Let the customer finish before you answer."
why = "Interrupting tells the customer their words matter less than your script."

[[principle.dont]]
id = "solve-too-soon"
text = "Jump to a fix after the first sentence."
why = "A fix for the wrong problem costs the customer a second call."
)file"},
    {"pack/activities/say-it-back.toml", R"file(#:schema @SCHEMA@/activity.schema.json
[activity]
id = "say-it-back"
title = "Say it back"
principles = ["listen-first"]
minutes = 15
goal = "Practise saying back what a customer said before answering."
group_size = "pairs"
steps = [
  "One person describes a problem with something they bought, for one minute.",
  "The other says back what they heard, in their own words, without offering a fix.",
  "Swap roles, then talk about what was easy to miss.",
]
)file"},
};

// ---- coachkit new plugin --------------------------------------------------------------------

const TemplateFile kPluginFiles[] = {
    {"CMakeLists.txt", R"file(# @NAME@: a coachkit plugin, built against an installed coachkit:
#
#   cmake -S . -B build -DCMAKE_PREFIX_PATH=<coachkit's installation prefix>
#   cmake --build build && ctest --test-dir build
#   COACHKIT_PLUGIN_PATH=build/lib/coachkit/plugins coachkit plugins
#   cmake --install build --prefix <coachkit's installation prefix>
cmake_minimum_required(VERSION 3.20)
project(@NAME@ VERSION 0.1.0 LANGUAGES CXX)

find_package(coachkit @SDK_VERSION@ REQUIRED)

# To ship packs inside the plugin, add PACKS <pack folder>... and return
# coachkit_embedded_packs() (from <coachkit_embedded_packs.hpp>) as the plugin's provide_packs.
coachkit_add_plugin(@NAME@ SOURCES src/plugin.cpp src/@IDENT@_generator.cpp)

# The generator's own test: it calls the generator directly, without loading the plugin.
find_package(GTest)
if(GTest_FOUND)
  enable_testing()
  add_executable(@NAME@_tests tests/@IDENT@_generator_test.cpp src/@IDENT@_generator.cpp)
  target_link_libraries(@NAME@_tests PRIVATE coachkit::sdk GTest::gtest GTest::gtest_main)
  add_test(NAME @NAME@_tests COMMAND @NAME@_tests)
endif()
)file"},
    {"src/@IDENT@_generator.hpp",
     R"file(// @NAME@'s generator: a one-page overview of a pack, each principle with its summary.
// Make it what your organization needs; keep it a function of the pack and the request only.
#pragma once

#include <coachkit/generator.hpp>

#include <string>
#include <vector>

namespace @IDENT@ {

class OverviewGenerator : public coachkit::Generator {
 public:
  std::string kind() const override;
  std::string description() const override;
  std::vector<coachkit::OptionSpec> options() const override;
  std::vector<coachkit::Artifact> generate(const coachkit::Pack& pack,
                                           const coachkit::GeneratorRequest& request,
                                           coachkit::Reporter& reporter) const override;
};

}  // namespace @IDENT@
)file"},
    {"src/@IDENT@_generator.cpp", R"file(#include "@IDENT@_generator.hpp"

#include <coachkit/document.hpp>

#include <utility>

namespace @IDENT@ {

using namespace coachkit;
using namespace coachkit::doc;

// What `coachkit build --only @NAME@` selects, and [generators.@NAME@] in coachkit.toml.
std::string OverviewGenerator::kind() const { return "@NAME@"; }

std::string OverviewGenerator::description() const {
  return "a one-page overview of a pack: each principle with its summary";
}

std::vector<OptionSpec> OverviewGenerator::options() const {
  return {{"title", OptionValue::Type::String, "the overview's title (default: the pack's title)"}};
}

std::vector<Artifact> OverviewGenerator::generate(const Pack& pack,
                                                  const GeneratorRequest& request,
                                                  Reporter& reporter) const {
  if (pack.principles.empty()) {
    reporter.warning(SourcePosition{pack.directory, 0, 0},
                     "@NAME@: pack '" + pack.id + "' has no principles; no overview made");
    return {};
  }
  Document overview;
  overview.title = request.options.string("title", pack.title);
  overview.language = pack.language;
  std::vector<Blocks> items;
  for (const Principle& principle : pack.principles) {
    items.push_back({paragraph(Text{strong(principle.title), plain(": " + principle.summary)})});
  }
  overview.blocks.push_back(bullet_list(std::move(items)));
  // Rendered in every format of the build, on the theme's page.
  return {Artifact::rendered("@NAME@/" + pack.id + "-overview", std::move(overview))};
}

}  // namespace @IDENT@
)file"},
    {"src/plugin.cpp",
     R"file(// @NAME@'s entry point. coachkit reads the ABI version the plugin was built for before it
// loads it, then calls create_generators once.
#include "@IDENT@_generator.hpp"

#include <coachkit/plugin.hpp>

#include <memory>

namespace {

coachkit::GeneratorList create_generators() {
  coachkit::GeneratorList generators;
  generators.push_back(std::make_unique<@IDENT@::OverviewGenerator>());
  return generators;
}

const coachkit::PluginDescriptor* @IDENT@_plugin() {
  static const coachkit::PluginDescriptor descriptor =
      coachkit::make_descriptor("@NAME@", "0.1.0", "MIT", "@NAME@: a one-page overview of a pack",
                                create_generators);
  return &descriptor;
}

}  // namespace

COACHKIT_PLUGIN_ENTRY(@IDENT@_plugin)
)file"},
    {"tests/@IDENT@_generator_test.cpp",
     R"file(// The generator on a pack built in code: no coachkit program, pandoc or plugin loading needed.
#include "../src/@IDENT@_generator.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace coachkit;

// Keeps what the generator reports, by kind: its own failures, content errors, warnings.
class RecordingReporter : public Reporter {
 public:
  void report(const Problem& problem) override {
    if (problem.origin == Origin::Plugin) {
      failures.push_back(problem.message);
    } else if (problem.is_error()) {
      errors.push_back(problem.message);
    } else {
      warnings.push_back(problem.message);
    }
  }
  std::vector<std::string> errors, warnings, failures;
};

Pack tiny_pack() {
  Pack pack;
  pack.id = "tiny";
  pack.title = "Tiny pack";
  pack.language = "en";
  Principle listen;
  listen.id = "listen-first";
  listen.title = "Listen first";
  listen.summary = "Hear the customer out.";
  Principle own;
  own.id = "own-it";
  own.title = "Own it";
  own.summary = "See the problem through.";
  pack.principles = {listen, own};
  return pack;
}

std::string text_of(const Text& text) {
  std::string out;
  for (const Span& span : text) out += span.text;
  return out;
}

TEST(OverviewGenerator, ListsEveryPrincipleWithItsSummary) {
  RecordingReporter reporter;
  std::vector<Artifact> artifacts =
      @IDENT@::OverviewGenerator().generate(tiny_pack(), GeneratorRequest{}, reporter);
  ASSERT_EQ(artifacts.size(), 1u);
  EXPECT_EQ(artifacts[0].name, "@NAME@/tiny-overview");
  EXPECT_EQ(artifacts[0].document.title, "Tiny pack");
  ASSERT_EQ(artifacts[0].document.blocks.size(), 1u);
  const Block& list = artifacts[0].document.blocks[0];
  ASSERT_EQ(list.items.size(), 2u);
  EXPECT_EQ(text_of(list.items[0].at(0).text), "Listen first: Hear the customer out.");
  EXPECT_EQ(text_of(list.items[1].at(0).text), "Own it: See the problem through.");
  EXPECT_TRUE(reporter.errors.empty());
}

TEST(OverviewGenerator, TitleOptionWins) {
  GeneratorRequest request;
  OptionValue title;
  title.type = OptionValue::Type::String;
  title.text = "Our way";
  request.options.set("title", title);
  RecordingReporter reporter;
  std::vector<Artifact> artifacts =
      @IDENT@::OverviewGenerator().generate(tiny_pack(), request, reporter);
  ASSERT_EQ(artifacts.size(), 1u);
  EXPECT_EQ(artifacts[0].document.title, "Our way");
}

TEST(OverviewGenerator, PackWithoutPrinciplesWarnsAndMakesNothing) {
  Pack empty = tiny_pack();
  empty.principles.clear();
  RecordingReporter reporter;
  EXPECT_TRUE(@IDENT@::OverviewGenerator().generate(empty, GeneratorRequest{}, reporter).empty());
  EXPECT_EQ(reporter.warnings.size(), 1u);
}

}  // namespace
)file"},
    {"README.md", R"file(# @NAME@

A coachkit plugin. It adds the generator `@NAME@`: a one-page overview of a pack.

```sh
cmake -S . -B build -DCMAKE_PREFIX_PATH=<coachkit's installation prefix>
cmake --build build
ctest --test-dir build                                  # the generator's own test
COACHKIT_PLUGIN_PATH=build/lib/coachkit/plugins coachkit plugins --json
COACHKIT_PLUGIN_PATH=build/lib/coachkit/plugins coachkit build PACK --only @NAME@
cmake --install build --prefix <coachkit's installation prefix>
```

Options, in a project's coachkit.toml:

```toml
[generators.@NAME@]
title = "Our principles at a glance"
```

The plugin author's guide is docs/plugins.md of coachkit's sources.
)file"},
};

std::string substitute(std::string text, const Placeholders& placeholders) {
  for (const auto& [key, value] : placeholders) {
    for (std::size_t at = text.find(key); at != std::string::npos;
         at = text.find(key, at + value.size())) {
      text.replace(at, key.size(), value);
    }
  }
  return text;
}

// "my-team-pack" -> "My Team Pack"
std::string title_of(const std::string& name) {
  std::string title;
  bool start = true;
  for (char c : name) {
    if (c == '-') {
      title += ' ';
      start = true;
    } else {
      title += start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
      start = false;
    }
  }
  return title;
}

std::string identifier_of(const std::string& name) {
  std::string identifier = name;
  for (char& c : identifier) {
    if (c == '-') c = '_';
  }
  return identifier;
}

// "0.1.0" -> "0.1": what find_package asks for.
std::string sdk_version() {
  std::string version = kVersion;
  std::size_t second_dot = version.find('.', version.find('.') + 1);
  return version.substr(0, second_dot);
}

template <std::size_t N>
std::vector<std::string> paths_of(const TemplateFile (&files)[N], const Placeholders& names) {
  std::vector<std::string> paths;
  for (const TemplateFile& file : files) paths.push_back(substitute(file.path, names));
  return paths;
}

// Writes every file into a temporary sibling of `directory`, then renames it into place.
template <std::size_t N>
std::optional<Problem> write_scaffold(const std::string& directory, const TemplateFile (&files)[N],
                                      const Placeholders& placeholders) {
  fs::path target = fs::path(directory).lexically_normal();
  if (!target.empty() && !target.has_filename()) target = target.parent_path();
  std::error_code ec;
  if (target.empty() || fs::symlink_status(target, ec).type() != fs::file_type::not_found) {
    return usage_error(directory +
                       " already exists; coachkit new only writes a new folder, so nothing "
                       "was written (choose another --dir, or remove it)");
  }
  // symlink_status reports "not found" through `ec` too: only create_directories' own counts.
  ec.clear();
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  if (ec) return tool_error("cannot create " + target.parent_path().string() + ": " + ec.message());
  fs::path temporary = temporary_path_for(target.string());
  for (const TemplateFile& file : files) {
    std::string relative = substitute(file.path, placeholders);
    fs::path path = temporary / relative;
    fs::create_directories(path.parent_path(), ec);
    // The schemas are written beside the project (schema/), and each file names its own by a
    // path relative to itself, so the comment holds wherever the project is moved.
    Placeholders with_schema = placeholders;
    std::string up;
    for (char c : relative) up += c == '/' ? "../" : "";
    with_schema.push_back({"@SCHEMA@", up + "schema"});
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << substitute(file.text, with_schema);
    out.close();
    if (ec || !out) {
      Problem problem =
          tool_error("cannot write " + (target / substitute(file.path, placeholders)).string());
      fs::remove_all(temporary, ec);
      return problem;
    }
  }
  fs::rename(temporary, target, ec);
  if (ec) {
    Problem problem = tool_error("cannot move the new folder into place at " + target.string() +
                                 ": " + ec.message());
    fs::remove_all(temporary, ec);
    return problem;
  }
  return std::nullopt;
}

Placeholders placeholders_for(const std::string& name) {
  return {{"@NAME@", name},
          {"@TITLE@", title_of(name)},
          {"@IDENT@", identifier_of(name)},
          {"@SDK_VERSION@", sdk_version()}};
}

}  // namespace

std::optional<Problem> valid_scaffold_name(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 64 && name[0] >= 'a' && name[0] <= 'z';
  for (char c : name) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  }
  if (ok) return std::nullopt;
  return usage_error("'" + name +
                     "' cannot be used as a name: use lower-case letters, digits and '-', "
                     "starting with a letter (at most 64 characters), such as 'acme-way'");
}

std::optional<Problem> scaffold_pack(const std::string& directory, const std::string& name) {
  if (auto problem = valid_scaffold_name(name)) return problem;
  if (auto problem = write_scaffold(directory, kPackFiles, placeholders_for(name))) return problem;
  return write_schemas((fs::path(directory) / "schema").string());
}

std::optional<Problem> scaffold_plugin(const std::string& directory, const std::string& name) {
  if (auto problem = valid_scaffold_name(name)) return problem;
  return write_scaffold(directory, kPluginFiles, placeholders_for(name));
}

std::vector<std::string> scaffold_pack_files(const std::string& name) {
  return paths_of(kPackFiles, placeholders_for(name));
}

std::vector<std::string> scaffold_plugin_files(const std::string& name) {
  return paths_of(kPluginFiles, placeholders_for(name));
}

}  // namespace coachkit
