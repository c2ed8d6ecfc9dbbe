# cmake -DPLUGIN=file -P CoachkitPluginRecord.cmake
#
# Writes FILE.sha256 beside a built or installed plugin, in sha256sum's format. coachkit refuses
# a plugin whose bytes no longer match its record (a file damaged or swapped since), saying so;
# a plugin without a record (a third party's, copied by hand) is checked by the probe alone.
if(NOT PLUGIN OR NOT EXISTS "${PLUGIN}")
  message(FATAL_ERROR "CoachkitPluginRecord: no plugin file '${PLUGIN}'")
endif()
file(SHA256 "${PLUGIN}" sum)
get_filename_component(name "${PLUGIN}" NAME)
file(WRITE "${PLUGIN}.sha256" "${sum}  ${name}\n")
