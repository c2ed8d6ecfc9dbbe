// What the builder needs of the plugin host: the generators there are, and a guarded way to run
// one. An interface, so the builder can be tested with a fake host and no shared library.
#pragma once

#include <coachkit/generator.hpp>

#include <optional>
#include <string>
#include <vector>

namespace coachkit {

struct GeneratorInfo {
  std::string kind;
  std::string description;
  std::string plugin;  // "'name' 1.2.0 (file)", for messages
  std::vector<OptionSpec> options;
};

class GeneratorHost {
 public:
  virtual ~GeneratorHost() = default;
  // Every generator, in the order plugins were loaded; kinds are unique.
  virtual std::vector<GeneratorInfo> generators() const = 0;
  // Whether every plugin found was loaded: only a complete set of generators may decide that an
  // output of an earlier build is no longer made.
  virtual bool complete() const = 0;
  // Runs the generator of `kind`; an exception it throws comes back as a problem of origin
  // Plugin naming the plugin, never as an exception.
  virtual std::optional<Problem> generate(const std::string& kind, const Pack& pack,
                                          const GeneratorRequest& request, Reporter& reporter,
                                          std::vector<Artifact>* artifacts) const = 0;
};

}  // namespace coachkit
