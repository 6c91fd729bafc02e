cmake_minimum_required(VERSION 3.18)
# cmake -P: the core's layer check stops on an include that points the wrong way and passes one that
# points the right way (ctest core_layer_check).
include(${MACRODYN_SOURCE_DIR}/cmake/CoreLayerCheck.cmake)
set(root ${WORK}/layer_check)
file(REMOVE_RECURSE ${root})
file(WRITE ${root}/lattice/good.h "#include \"core/base/error.h\"\n")
macrodyn_check_layer_includes(${root} lattice lattice base) # must pass
file(WRITE ${root}/lattice/bad.cpp "#include \"core/kmc/lattice_kmc.h\"\n")
macrodyn_check_layer_includes(${root} lattice lattice base) # must stop, naming the include
message(STATUS "the wrong include was not refused")
