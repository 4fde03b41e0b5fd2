# The tree-sitter runtime (npm package `tree-sitter`, C sources under vendor/tree-sitter/lib)
# and the Python grammar (npm package `tree-sitter-python`), pinned in cmake/deps.lock.
# scripts/fetch-npm-sources.sh downloads and verifies them against their integrity hashes;
# configure runs it when the verified sources are not there yet.
set(LW_DEPS_DIR "${CMAKE_SOURCE_DIR}/.deps" CACHE PATH "Where the pinned npm sources are unpacked")

file(STRINGS "${CMAKE_SOURCE_DIR}/cmake/deps.lock" _lw_lock REGEX "^[a-z]")
set(_lw_need_fetch FALSE)
set(_lw_patches "")
foreach(_line IN LISTS _lw_lock)
  string(REPLACE " " ";" _fields "${_line}")
  if(_line MATCHES "^patch ")
    list(GET _fields 3 _patch)
    list(APPEND _lw_patches "${CMAKE_SOURCE_DIR}/${_patch}")
    continue()
  endif()
  list(GET _fields 0 _name)
  list(GET _fields 1 _version)
  list(GET _fields 2 _integrity)
  string(REPLACE "-" "_" _var "${_name}")
  set(LW_${_var}_DIR "${LW_DEPS_DIR}/${_name}-${_version}")
  set(_stamp "${LW_${_var}_DIR}/.verified")
  if(EXISTS "${_stamp}")
    file(READ "${_stamp}" _got)
    string(STRIP "${_got}" _got)
  else()
    set(_got "")
  endif()
  if(NOT _got STREQUAL _integrity)
    set(_lw_need_fetch TRUE)
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_stamp}")
endforeach()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/cmake/deps.lock")

if(_lw_need_fetch)
  message(STATUS "Fetching pinned tree-sitter sources into ${LW_DEPS_DIR}")
  execute_process(COMMAND "${CMAKE_SOURCE_DIR}/scripts/fetch-npm-sources.sh" "${LW_DEPS_DIR}"
                  RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "Could not fetch and verify the tree-sitter sources from the npm registry "
                        "(see the message above; scripts/fetch-npm-sources.sh needs npm and openssl).")
  endif()
endif()

set(_ts_lib "${LW_tree_sitter_DIR}/vendor/tree-sitter/lib")
add_library(tree_sitter STATIC "${_ts_lib}/src/lib.c")
target_include_directories(tree_sitter SYSTEM PUBLIC "${_ts_lib}/include"
                           PRIVATE "${_ts_lib}/src")
target_compile_definitions(tree_sitter PRIVATE _POSIX_C_SOURCE=200112L _DEFAULT_SOURCE)
set_target_properties(tree_sitter PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
target_compile_options(tree_sitter PRIVATE -w)

# The grammar's scanner with our patches (deps.lock `patch` lines) applied to a copy in the
# build tree, after the integrity check; the verified unpack stays as published.
set(_ts_py "${LW_tree_sitter_python_DIR}/src")
set(_ts_py_patched "${CMAKE_BINARY_DIR}/tree-sitter-python-patched")
find_program(LW_PATCH_EXECUTABLE patch REQUIRED)
set(_patch_commands "")
foreach(_p IN LISTS _lw_patches)
  list(APPEND _patch_commands COMMAND "${LW_PATCH_EXECUTABLE}" --quiet --batch -p1 -d
       "${_ts_py_patched}" -i "${_p}")
endforeach()
add_custom_command(
  OUTPUT "${_ts_py_patched}/src/scanner.c"
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${_ts_py_patched}/src"
  COMMAND "${CMAKE_COMMAND}" -E copy "${_ts_py}/scanner.c" "${_ts_py_patched}/src/scanner.c"
  ${_patch_commands}
  DEPENDS "${_ts_py}/scanner.c" ${_lw_patches} "${CMAKE_SOURCE_DIR}/cmake/deps.lock"
  COMMENT "Patching tree-sitter-python's scanner.c (cmake/deps.lock)"
  VERBATIM)
add_library(tree_sitter_python STATIC "${_ts_py}/parser.c" "${_ts_py_patched}/src/scanner.c")
target_include_directories(tree_sitter_python PRIVATE "${_ts_py}")
set_target_properties(tree_sitter_python PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
target_compile_options(tree_sitter_python PRIVATE -w)
target_link_libraries(tree_sitter_python PUBLIC tree_sitter)

# The grammar exactly as published, every external symbol renamed, for tests/grammar (the
# patched grammar must parse real code as the published one does).
add_library(tree_sitter_python_upstream STATIC EXCLUDE_FROM_ALL "${_ts_py}/parser.c"
            "${_ts_py}/scanner.c")
target_include_directories(tree_sitter_python_upstream PRIVATE "${_ts_py}")
foreach(_sym tree_sitter_python tree_sitter_python_external_scanner_create
        tree_sitter_python_external_scanner_destroy tree_sitter_python_external_scanner_scan
        tree_sitter_python_external_scanner_serialize tree_sitter_python_external_scanner_deserialize)
  target_compile_definitions(tree_sitter_python_upstream PRIVATE ${_sym}=upstream_${_sym})
endforeach()
set_target_properties(tree_sitter_python_upstream PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
target_compile_options(tree_sitter_python_upstream PRIVATE -w)
target_link_libraries(tree_sitter_python_upstream PUBLIC tree_sitter)
