// coachkit's version and the plugin ABI it speaks: each number is written here once, and
// everything that must agree with it (the inline namespace, the exported entry symbol, the
// constants, CMake's project version) is derived from it.
#pragma once

#include <cstdint>  // also brings in the standard library's configuration macros used below

// The program's version. CMake reads it from this line for project(VERSION), so keep its shape.
#define COACHKIT_VERSION "0.3.0"

// The plugin ABI. Major must match between host and plugin; a plugin's minor may not exceed the
// host's. docs/plugins.md says which changes need which.
#define COACHKIT_ABI_MAJOR 7
#define COACHKIT_ABI_MINOR 0

#define COACHKIT_PP_CAT_(a, b) a##b
#define COACHKIT_PP_CAT(a, b) COACHKIT_PP_CAT_(a, b)
#define COACHKIT_PP_STRING_(a) #a
#define COACHKIT_PP_STRING(a) COACHKIT_PP_STRING_(a)

// Which C++ standard-library ABI this translation unit is built against. A std::string built
// with one is not the std::string of the other, so host and plugin must agree; the tag goes
// into the entry symbol's name, where the host can read it without loading the library.
#if defined(_LIBCPP_VERSION)
#define COACHKIT_STDLIB_ABI libcxx
#elif defined(_GLIBCXX_USE_CXX11_ABI) && _GLIBCXX_USE_CXX11_ABI == 0
#define COACHKIT_STDLIB_ABI cxx98
#else
#define COACHKIT_STDLIB_ABI cxx11
#endif

// Everything that crosses the plugin boundary lives in this versioned inline namespace (abi4,
// …), so a plugin built against another major ABI fails to link instead of misbehaving.
#define COACHKIT_ABI_NAMESPACE COACHKIT_PP_CAT(abi, COACHKIT_ABI_MAJOR)
#define COACHKIT_NAMESPACE_BEGIN \
  namespace coachkit {           \
  inline namespace COACHKIT_ABI_NAMESPACE {
#define COACHKIT_NAMESPACE_END \
  }                            \
  }

COACHKIT_NAMESPACE_BEGIN

inline constexpr const char* kVersion = COACHKIT_VERSION;

inline constexpr std::uint32_t kAbiMajor = COACHKIT_ABI_MAJOR;
inline constexpr std::uint32_t kAbiMinor = COACHKIT_ABI_MINOR;

// The standard-library ABI tag ("cxx11", "cxx98" or "libcxx") this code was compiled with.
inline constexpr const char* kStdlibAbi = COACHKIT_PP_STRING(COACHKIT_STDLIB_ABI);

COACHKIT_NAMESPACE_END
