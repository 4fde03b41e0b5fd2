# -DLW_FUZZ=ON: build the libFuzzer targets of tests/fuzz (clang only). Everything, the
# tree-sitter sources included, gets coverage instrumentation and ASan + UBSan; the fuzz
# executables link libFuzzer's main. scripts/fuzz.sh configures such a build in build-fuzz.
if(NOT LW_FUZZ)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang" OR NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "LW_FUZZ needs clang (libFuzzer): configure with "
                      "-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++")
endif()
if(LW_SANITIZE)
  message(FATAL_ERROR "LW_FUZZ already builds with address,undefined; leave LW_SANITIZE empty")
endif()
include(CheckCXXSourceCompiles)
set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer")
check_cxx_source_compiles([[
#include <cstddef>
#include <cstdint>
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }
]] LW_HAVE_LIBFUZZER)
unset(CMAKE_REQUIRED_FLAGS)
if(NOT LW_HAVE_LIBFUZZER)
  message(FATAL_ERROR "clang cannot link -fsanitize=fuzzer: install the Debian package "
                      "libclang-rt-${CMAKE_CXX_COMPILER_VERSION_MAJOR}-dev (scripts/setup.sh)")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                    -fno-sanitize-recover=all)
add_link_options(-fsanitize=address,undefined)
