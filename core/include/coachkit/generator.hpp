// The generator interface: a pack and a request in, artifacts out, problems to a reporter.
//
// Lifetime: the host creates a plugin's generators once, after it accepted the plugin's ABI,
// and destroys them before it unloads anything. The Pack, the request and the reporter passed
// to generate() live until generate() returns; keep no pointer to them. generate() may be
// called several times (once per pack) and must not keep state between calls: the same pack and
// request give the same artifacts, byte for byte.
#pragma once

#include <coachkit/artifact.hpp>
#include <coachkit/format.hpp>
#include <coachkit/model.hpp>
#include <coachkit/options.hpp>
#include <coachkit/paper.hpp>
#include <coachkit/problem.hpp>
#include <coachkit/version.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

COACHKIT_NAMESPACE_BEGIN

// What one build asks of a generator.
struct GeneratorRequest {
  std::vector<Format> formats;   // the formats the user asked for
  Options options;               // this generator's options from the project file
  std::uint64_t seed = 0;        // for anything shuffled or drawn: same seed, same output
  std::string theme;             // the theme's name, e.g. "default"
  std::string edition;           // e.g. "participant" or "trainer"; "" when not asked for
  std::int64_t source_date = 0;  // seconds since 1970: the date outputs may show (never the clock)
  // The paper of this build (the project's or the pack's choice, A4 by default): a generator
  // that lays out its own page (PageSetup) prints on it, as flowing documents do.
  PaperSize paper{210, 297};
};

// Where a generator reports problems, each a coachkit::Problem (problem.hpp). A content error
// points at the author's file (the model's SourcePositions, or Options::where): the build of
// that pack then writes nothing and exits 1. A content warning is printed and builds on. A
// failure (origin Plugin, no position) is the generator's own fault: exit 2, the other
// generators still run. error(), warning() and failure() are shorthands for those three.
class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void report(const Problem& problem) = 0;

  void error(const SourcePosition& where, const std::string& message) {
    report(Problem(where, message, Severity::Error, Origin::Content));
  }
  void warning(const SourcePosition& where, const std::string& message) {
    report(Problem(where, message, Severity::Warning, Origin::Content));
  }
  void failure(const std::string& message) {
    report(Problem(SourcePosition{}, message, Severity::Error, Origin::Plugin));
  }
};

// Turns a pack into artifacts of one kind (handout, poster, quiz, …).
class Generator {
 public:
  virtual ~Generator() = default;
  // What `coachkit build --only KIND` selects, and the table name of its options
  // ([generators.KIND] in the project file). Lower-case letters, digits and '-'.
  virtual std::string kind() const = 0;
  virtual std::string description() const = 0;
  // The options this generator accepts; anything else in its table is an error for the author.
  virtual std::vector<OptionSpec> options() const { return {}; }
  virtual std::vector<Artifact> generate(const Pack& pack, const GeneratorRequest& request,
                                         Reporter& reporter) const = 0;
};

using GeneratorList = std::vector<std::unique_ptr<Generator>>;

// A pack a plugin carries inside itself, as the TOML files a pack folder would hold. The core
// loads it with the same loader and rules as a folder; its problems name the plugin and the
// embedded file.
struct ProvidedPack {
  struct File {
    std::string path;  // as inside a pack folder: "pack.toml", "principles/respect.toml"
    std::string text;  // the TOML
  };
  std::vector<File> files;
};

using ProvidedPackList = std::vector<ProvidedPack>;

COACHKIT_NAMESPACE_END
