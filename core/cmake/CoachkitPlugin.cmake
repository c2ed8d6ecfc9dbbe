# coachkit_add_plugin(NAME SOURCES file...)
# Builds a coachkit plugin: a shared library that sees only the public SDK headers, exports
# only its entry point, and lands where coachkit looks for plugins.
function(coachkit_add_plugin name)
  cmake_parse_arguments(PLUGIN "" "OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  add_library(${name} MODULE ${PLUGIN_SOURCES})
  target_link_libraries(${name} PRIVATE coachkit::sdk)
  if(NOT PLUGIN_OUTPUT_DIRECTORY)
    set(PLUGIN_OUTPUT_DIRECTORY ${COACHKIT_PLUGIN_OUTPUT_DIRECTORY})
  endif()
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "coachkit-${name}"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${PLUGIN_OUTPUT_DIRECTORY})
endfunction()
