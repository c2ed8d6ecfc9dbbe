// A 64-bit xxHash (XXH3) over a sequence of parts, written as 16 hex digits: the cache key of an
// output and the stamp of a build's inputs. Each part ends with a NUL, so "ab" + "c" and
// "a" + "bc" give different fingerprints.
#pragma once

#include <memory>
#include <string>

namespace coachkit {

class Fingerprint {
 public:
  Fingerprint();
  ~Fingerprint();
  Fingerprint(const Fingerprint&) = delete;
  Fingerprint& operator=(const Fingerprint&) = delete;

  Fingerprint& add(const std::string& part);
  std::string hex() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace coachkit
