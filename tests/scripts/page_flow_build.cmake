# The page-flow tests' one build of a theme: the default pack's handouts as PDF and DOCX, from
# an empty folder, so no run reads a previous run's files.
#   cmake -DPROGRAM=coachkit -DPACK=DIR -DTHEME=NAME -DOUT=DIR -P page_flow_build.cmake
file(REMOVE_RECURSE "${OUT}")
execute_process(
  COMMAND "${PROGRAM}" build "${PACK}" --out "${OUT}" --only handout --format pdf,docx
          --theme "${THEME}"
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "coachkit build of the ${THEME} handouts for the page-flow tests: ${result}")
endif()
