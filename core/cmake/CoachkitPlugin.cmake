# coachkit_add_plugin(NAME SOURCES file... [PACKS folder...] [OUTPUT_DIRECTORY dir] [NO_INSTALL])
#
# Builds a coachkit plugin: a module (coachkit-NAME.so) that sees only the public SDK headers,
# exports only its entry point (hidden visibility), and is installed into
# <prefix>/lib/coachkit/plugins, where coachkit looks for plugins beside its own program.
# The same function builds the plugins in coachkit's own tree and an organization's plugins
# against the installed SDK (find_package(coachkit)).
#
# PACKS embeds each pack folder's TOML files into the plugin. The plugin then includes
# <coachkit_embedded_packs.hpp> and returns coachkit_embedded_packs() from its provide_packs;
# the files are embedded again whenever one of them changes.
#
# OUTPUT_DIRECTORY: where the module is built; default ${COACHKIT_PLUGIN_OUTPUT_DIRECTORY}, or
# <build>/lib/coachkit/plugins. NO_INSTALL: build only (test plugins, examples).

# Captured here: inside the function, CMAKE_CURRENT_LIST_DIR is the caller's folder.
set(_COACHKIT_CMAKE_DIR ${CMAKE_CURRENT_LIST_DIR})

function(coachkit_add_plugin name)
  cmake_parse_arguments(PLUGIN "NO_INSTALL" "OUTPUT_DIRECTORY" "SOURCES;PACKS" ${ARGN})
  if(NOT PLUGIN_SOURCES)
    message(FATAL_ERROR "coachkit_add_plugin(${name}): no SOURCES given")
  endif()
  if(PLUGIN_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "coachkit_add_plugin(${name}): unknown arguments ${PLUGIN_UNPARSED_ARGUMENTS}")
  endif()
  add_library(${name} MODULE ${PLUGIN_SOURCES})
  target_link_libraries(${name} PRIVATE coachkit::sdk)

  if(PLUGIN_PACKS)
    set(generated ${CMAKE_CURRENT_BINARY_DIR}/coachkit-${name}-packs)
    set(pack_folders)
    set(pack_files)
    foreach(folder ${PLUGIN_PACKS})
      get_filename_component(folder ${folder} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
      if(NOT EXISTS ${folder}/pack.toml)
        message(FATAL_ERROR "coachkit_add_plugin(${name}): ${folder} has no pack.toml")
      endif()
      file(GLOB_RECURSE files CONFIGURE_DEPENDS ${folder}/*.toml)
      list(APPEND pack_folders ${folder})
      list(APPEND pack_files ${files})
    endforeach()
    string(REPLACE ";" "|" folders_argument "${pack_folders}")
    add_custom_command(
      OUTPUT ${generated}/coachkit_embedded_packs.cpp
      COMMAND ${CMAKE_COMMAND} "-DPACKS=${folders_argument}" -DOUTPUT_DIR=${generated}
              -P ${_COACHKIT_CMAKE_DIR}/CoachkitEmbedPacks.cmake
      DEPENDS ${pack_files} ${_COACHKIT_CMAKE_DIR}/CoachkitEmbedPacks.cmake
      COMMENT "Embedding the packs of plugin ${name}"
      VERBATIM)
    # The header is written at configure time too, so sources can include it before the
    # first build.
    file(MAKE_DIRECTORY ${generated})
    configure_file(${_COACHKIT_CMAKE_DIR}/coachkit_embedded_packs.hpp.in
                   ${generated}/coachkit_embedded_packs.hpp COPYONLY)
    target_sources(${name} PRIVATE ${generated}/coachkit_embedded_packs.cpp)
    target_include_directories(${name} PRIVATE ${generated})
  endif()

  if(NOT PLUGIN_OUTPUT_DIRECTORY)
    if(COACHKIT_PLUGIN_OUTPUT_DIRECTORY)
      set(PLUGIN_OUTPUT_DIRECTORY ${COACHKIT_PLUGIN_OUTPUT_DIRECTORY})
    else()
      set(PLUGIN_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/lib/coachkit/plugins)
    endif()
  endif()
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "coachkit-${name}"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${PLUGIN_OUTPUT_DIRECTORY})
  # The checksum record coachkit checks the plugin against, beside it, after every link...
  add_custom_command(TARGET ${name} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -DPLUGIN=$<TARGET_FILE:${name}>
            -P ${_COACHKIT_CMAKE_DIR}/CoachkitPluginRecord.cmake
    VERBATIM)
  if(NOT PLUGIN_NO_INSTALL AND NOT COACHKIT_PLUGIN_NO_INSTALL)
    # Relative, so it lands in whatever prefix the project is installed into.
    install(TARGETS ${name} LIBRARY DESTINATION lib/coachkit/plugins)
    # ...and of the installed file, which install may have rewritten (RPATH, strip).
    install(CODE "
      set(PLUGIN \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/lib/coachkit/plugins/coachkit-${name}.so\")
      include(\"${_COACHKIT_CMAKE_DIR}/CoachkitPluginRecord.cmake\")
      list(APPEND CMAKE_INSTALL_MANIFEST_FILES \"\${PLUGIN}.sha256\")")
  endif()
endfunction()
