// coachkit's version and the plugin ABI it speaks.
#pragma once

#include <cstdint>

// Everything that crosses the plugin boundary lives in this versioned inline namespace, so a
// plugin built against another major ABI fails to link instead of misbehaving.
#define COACHKIT_NAMESPACE_BEGIN \
  namespace coachkit {           \
  inline namespace abi1 {
#define COACHKIT_NAMESPACE_END \
  }                            \
  }

COACHKIT_NAMESPACE_BEGIN

inline constexpr const char* kVersion = "0.1.0";

// Major must match between host and plugin; a plugin's minor may not exceed the host's.
inline constexpr std::uint32_t kAbiMajor = 1;
inline constexpr std::uint32_t kAbiMinor = 0;

COACHKIT_NAMESPACE_END
