// SHA-256 (FIPS 180-4) of a file, as CMake's file(SHA256) and sha256sum write it, so the host can
// check a plugin against the record its install step wrote.
#pragma once

#include "support/problem.hpp"

#include <optional>
#include <string>

namespace coachkit {

// The lower-case hex digest of the file at `path` into `*digest`, or a problem at `path`
// (origin Tool, "cannot be read: …") when it cannot be read.
std::optional<Problem> sha256_of_file(const std::string& path, std::string* digest);
// The same of a string (for tests against the standard's examples).
std::string sha256_of(const std::string& bytes);

}  // namespace coachkit
