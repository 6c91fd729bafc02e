# macrodyn_check_layer_includes(<root> <layer> <allowed layers...>): stops the configuration when a
# .h/.cpp file in <root>/<layer> includes "core/<x>/..." with x not among the allowed layers. Used
# by src/core/CMakeLists.txt for every layer; tests/cmake/layer_check_refuses.cmake tests it.
function(macrodyn_check_layer_includes root layer)
  set(allowed ${ARGN})
  file(GLOB files RELATIVE ${root} ${root}/${layer}/*.h ${root}/${layer}/*.cpp)
  foreach(f IN LISTS files)
    file(STRINGS ${root}/${f} includes REGEX "^#include \"core/")
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^#include \"core/([a-z_]+)/.*" "\\1" used "${line}")
      if(NOT used IN_LIST allowed)
        message(FATAL_ERROR "src/core/${f}: ${line} points from layer ${layer} to ${used}; "
                            "${layer} may include only: ${allowed}")
      endif()
    endforeach()
  endforeach()
endfunction()
