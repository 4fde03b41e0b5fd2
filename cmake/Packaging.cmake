# How the `loopwarden` executable is linked, versioned, installed and packaged
# (INTERFACES.md, "Distribution"; scripts/package.sh drives it):
# - one self-contained binary: libstdc++ and libgcc linked statically (spdlog, fmt and toml++
#   are header-only, cmake/Dependencies.cmake), so it needs only the C library: `ldd` lists
#   libc, libm and the loader (tests/dist checks it);
# - `loopwarden --version` names the commit it was built from (cmake/build_info.cmake);
# - `cmake --install` puts the binary in bin/, the rule docs in share/doc/loopwarden/ and, when
#   the `lw_man` target was built (help2man), the man page in share/man/man1/;
# - CPack makes the Debian package loopwarden_<version>_amd64.deb from that (stripped).

option(LW_STATIC_RUNTIME "Link libstdc++ and libgcc statically into the loopwarden executable" ON)
set(LW_GIT_COMMIT "" CACHE STRING
    "Commit text for --version (\"<hash> <date>\"); empty: asked from git at build time")

# Sanitizer and fuzzing builds keep the shared runtime their instrumentation expects.
if(LW_STATIC_RUNTIME AND NOT LW_SANITIZE AND NOT LW_FUZZ
   AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_link_options(loopwarden PRIVATE -static-libstdc++ -static-libgcc)
endif()

# Regenerated on every build (a cheap `git log -1`); rewritten only when the commit changed.
set(LW_BUILD_INFO_CPP ${CMAKE_BINARY_DIR}/generated/build_info.cpp)
add_custom_target(lw_build_info
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUTPUT=${LW_BUILD_INFO_CPP}
          -DVERSION=${PROJECT_VERSION} -DCOMMIT=${LW_GIT_COMMIT}
          -P ${CMAKE_SOURCE_DIR}/cmake/build_info.cmake
  BYPRODUCTS ${LW_BUILD_INFO_CPP}
  VERBATIM)
target_sources(loopwarden PRIVATE ${LW_BUILD_INFO_CPP})
add_dependencies(loopwarden lw_build_info)

# Documentation beside the binary (the Debian package, `cmake --install`).
file(GLOB LW_RULE_DOC_FILES ${CMAKE_SOURCE_DIR}/docs/rules/*.md)
install(FILES ${LW_RULE_DOC_FILES} DESTINATION share/doc/loopwarden/rules)
install(FILES ${CMAKE_SOURCE_DIR}/README.md DESTINATION share/doc/loopwarden)

# The man page, from `loopwarden --help` and packaging/loopwarden.h2m (not part of `all`:
# scripts/package.sh builds it when help2man is installed).
find_program(LW_HELP2MAN help2man)
set(LW_MAN_PAGE ${CMAKE_BINARY_DIR}/man/loopwarden.1)
set(LW_MAN_PAGE_GZ ${LW_MAN_PAGE}.gz)
if(LW_HELP2MAN)
  add_custom_command(OUTPUT ${LW_MAN_PAGE_GZ}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
    COMMAND ${LW_HELP2MAN} --no-info --no-discard-stderr --section=1
            "--name=find code that blocks Python's asyncio event loop"
            --include=${CMAKE_SOURCE_DIR}/packaging/loopwarden.h2m
            --output=${LW_MAN_PAGE} $<TARGET_FILE:loopwarden>
    COMMAND gzip -9nf ${LW_MAN_PAGE}
    DEPENDS loopwarden ${CMAKE_SOURCE_DIR}/packaging/loopwarden.h2m
    COMMENT "Generating the man page (help2man)"
    VERBATIM)
  add_custom_target(lw_man DEPENDS ${LW_MAN_PAGE_GZ})
endif()
install(FILES ${LW_MAN_PAGE_GZ} DESTINATION share/man/man1 OPTIONAL)

set(CPACK_PACKAGE_NAME loopwarden)
set(CPACK_PACKAGE_VENDOR loopwarden)
set(CPACK_PACKAGE_CONTACT "loopwarden developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "finds code that blocks Python's asyncio event loop (checker and language server)")
# (Continuation lines get their leading space from CPack.)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "loopwarden finds the quiet failures of asyncio and FastAPI code: blocking calls in
async functions, coroutines never awaited, sync context managers where async ones belong,
dangling tasks, swallowed cancellations. `loopwarden check` is a ruff-like command-line
checker with fixes; `loopwarden server` is a language server for any LSP editor.")
set(CPACK_GENERATOR DEB)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # dpkg-shlibdeps: libc6 (>= the glibc it needs)
set(CPACK_PACKAGE_CHECKSUM SHA256)
include(CPack)
