// The plugin ABI: what a coachkit plugin exports and what the host calls.
//
// A plugin is a shared library with one entry point per ABI major version (and standard-library
// ABI), placed in the "coachkit" section so the host can see it without loading the library:
//
//   const coachkit::PluginDescriptor* my_plugin() { static const ... ; return &descriptor; }
//   COACHKIT_PLUGIN_ENTRY(my_plugin)
//
// The host checks the ABI version before it calls anything else, wraps every call in one
// place that turns an exception into a report, and keeps the library loaded for the life of
// the process.
#pragma once

#include <coachkit/artifact.hpp>
#include <coachkit/document.hpp>
#include <coachkit/escape.hpp>
#include <coachkit/format.hpp>
#include <coachkit/generator.hpp>
#include <coachkit/model.hpp>
#include <coachkit/options.hpp>
#include <coachkit/version.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#ifndef BOOST_DLL_USE_STD_FS
#define BOOST_DLL_USE_STD_FS
#endif
#include <boost/dll/alias.hpp>

COACHKIT_NAMESPACE_BEGIN

struct PluginDescriptor {
  std::uint32_t struct_size;  // sizeof(PluginDescriptor) as the plugin saw it
  std::uint32_t abi_major;
  std::uint32_t abi_minor;
  const char* name;
  const char* version;
  const char* license;
  const char* description;
  // Called once, after the host accepted the ABI version; may be null (no generators).
  GeneratorList (*create_generators)();
  // Called once, after create_generators; may be null (no packs).
  ProvidedPackList (*provide_packs)();
};

// Fills in the size and the ABI version this plugin was compiled against.
inline PluginDescriptor make_descriptor(const char* name, const char* version, const char* license,
                                        const char* description,
                                        GeneratorList (*create_generators)(),
                                        ProvidedPackList (*provide_packs)() = nullptr) {
  return PluginDescriptor{
      sizeof(PluginDescriptor), kAbiMajor,    kAbiMinor, name, version, license, description,
      create_generators,        provide_packs};
}

COACHKIT_NAMESPACE_END

// The section and symbol names the host looks for. The entry symbol carries the ABI major and
// the standard-library ABI, e.g. coachkit_plugin_v4_cxx11, so the host can refuse a mismatch
// from the symbol table alone, before it loads the library.
#define COACHKIT_PLUGIN_SECTION coachkit
#define COACHKIT_PLUGIN_SYMBOL_STEM coachkit_plugin_v
#define COACHKIT_PLUGIN_SYMBOL_PREFIX COACHKIT_PP_STRING(COACHKIT_PLUGIN_SYMBOL_STEM)
#define COACHKIT_PLUGIN_SYMBOL                                                      \
  COACHKIT_PP_CAT(COACHKIT_PP_CAT(COACHKIT_PLUGIN_SYMBOL_STEM, COACHKIT_ABI_MAJOR), \
                  COACHKIT_PP_CAT(_, COACHKIT_STDLIB_ABI))
#define COACHKIT_PLUGIN_SYMBOL_NAME COACHKIT_PP_STRING(COACHKIT_PLUGIN_SYMBOL)

// Exports `fn`, a `const coachkit::PluginDescriptor* fn()`, as this ABI's entry point.
#define COACHKIT_PLUGIN_ENTRY(fn) \
  BOOST_DLL_ALIAS_SECTIONED(fn, COACHKIT_PLUGIN_SYMBOL, COACHKIT_PLUGIN_SECTION)
