# The host LAMMPS: the PLUGIN-enabled lmp the plugin is loaded into and the source tree that built it.
#
# Inputs (cache variables; tools/build fills them from tools/provision):
#   LAMMPS_SOURCE_DIR  LAMMPS source tree (the directory holding src/lammps.h)
#   LAMMPS_BINARY      that tree's PLUGIN-enabled lmp executable
# Output: INTERFACE target macrodyn_lammps_host carrying the headers and the compile definitions the host
# lmp was built with, read from `lmp -h` so they can never disagree with the binary.

set(LAMMPS_SOURCE_DIR "" CACHE PATH "LAMMPS source tree that built LAMMPS_BINARY")
set(LAMMPS_BINARY "" CACHE FILEPATH "PLUGIN-enabled lmp executable the plugin is loaded into")

if(NOT LAMMPS_SOURCE_DIR OR NOT LAMMPS_BINARY)
  message(FATAL_ERROR "MACRODYN needs a host LAMMPS. Run tools/build (it provisions one), or pass "
          "-DLAMMPS_SOURCE_DIR=<LAMMPS source tree> -DLAMMPS_BINARY=<its PLUGIN-enabled lmp>, "
          "or configure with -DMACRODYN_WITH_LAMMPS=OFF.")
endif()
if(NOT EXISTS "${LAMMPS_SOURCE_DIR}/src/lammps.h" OR NOT EXISTS "${LAMMPS_SOURCE_DIR}/src/lammpsplugin.h")
  message(FATAL_ERROR "LAMMPS_SOURCE_DIR=${LAMMPS_SOURCE_DIR} is not a LAMMPS source tree "
          "(no src/lammps.h or src/lammpsplugin.h)")
endif()
if(NOT EXISTS "${LAMMPS_BINARY}")
  message(FATAL_ERROR "LAMMPS_BINARY=${LAMMPS_BINARY} does not exist")
endif()

execute_process(COMMAND "${LAMMPS_BINARY}" -h OUTPUT_VARIABLE _lmp_help RESULT_VARIABLE _lmp_rc
                ERROR_VARIABLE _lmp_err TIMEOUT 60)
if(NOT _lmp_rc EQUAL 0)
  message(FATAL_ERROR "Could not run '${LAMMPS_BINARY} -h' (exit ${_lmp_rc}): ${_lmp_err}")
endif()

# Headers and binary must be the same LAMMPS version, or the plugin fails at load time.
file(STRINGS "${LAMMPS_SOURCE_DIR}/src/version.h" _ver_line REGEX "define LAMMPS_VERSION")
string(REGEX REPLACE ".*\"(.*)\".*" "\\1" LAMMPS_HEADER_VERSION "${_ver_line}")
if(NOT _lmp_help MATCHES "Simulator - ${LAMMPS_HEADER_VERSION}")
  string(REGEX MATCH "Simulator - [^\n]*" _bin_ver "${_lmp_help}")
  message(FATAL_ERROR "Version mismatch: headers in ${LAMMPS_SOURCE_DIR} are LAMMPS "
          "${LAMMPS_HEADER_VERSION}, but ${LAMMPS_BINARY} reports '${_bin_ver}'. "
          "Build the plugin against the source tree that built that lmp.")
endif()
if(NOT _lmp_help MATCHES "\nPLUGIN[ \n]" AND NOT _lmp_help MATCHES " PLUGIN ")
  message(FATAL_ERROR "${LAMMPS_BINARY} was built without the PLUGIN package")
endif()

set(_defs "")
foreach(_flag LAMMPS_EXCEPTIONS LAMMPS_SMALLBIG LAMMPS_BIGBIG LAMMPS_SMALLSMALL)
  if(_lmp_help MATCHES "-D${_flag}\n")
    list(APPEND _defs ${_flag})
  endif()
endforeach()
if(NOT "LAMMPS_EXCEPTIONS" IN_LIST _defs)
  message(WARNING "${LAMMPS_BINARY} was built without LAMMPS_EXCEPTIONS: error-text tests are less precise")
endif()

add_library(macrodyn_lammps_host INTERFACE)
target_include_directories(macrodyn_lammps_host SYSTEM INTERFACE "${LAMMPS_SOURCE_DIR}/src")
# The plugin speaks MPI's C API only; the C++ bindings' symbols are not in the host lmp.
target_compile_definitions(macrodyn_lammps_host INTERFACE ${_defs} OMPI_SKIP_MPICXX=1 MPICH_SKIP_MPICXX=1)
target_link_libraries(macrodyn_lammps_host INTERFACE MPI::MPI_C)
message(STATUS "Host LAMMPS ${LAMMPS_HEADER_VERSION}: ${LAMMPS_BINARY} (definitions: ${_defs})")
