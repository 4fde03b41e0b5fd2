# Every third-party dependency comes from Debian's apt repositories (scripts/setup.sh
# installs them); a missing one stops the configure step with the package to install.
function(lw_require found package what)
  if(NOT ${found})
    message(FATAL_ERROR "loopwarden needs ${what}: install the Debian package '${package}' "
                        "(or run scripts/setup.sh as root).")
  endif()
endfunction()

find_package(nlohmann_json 3.10 QUIET)
lw_require(nlohmann_json_FOUND nlohmann-json3-dev "nlohmann_json")

find_path(ASIO_INCLUDE_DIR asio.hpp)
lw_require(ASIO_INCLUDE_DIR libasio-dev "standalone asio")
add_library(lw_asio INTERFACE)
target_include_directories(lw_asio SYSTEM INTERFACE ${ASIO_INCLUDE_DIR})
target_compile_definitions(lw_asio INTERFACE ASIO_STANDALONE ASIO_NO_DEPRECATED)

# spdlog, fmt and toml++ are compiled into loopwarden from their headers (their header-only
# modes), never linked as Debian's shared libraries: the binary must run on any glibc system
# (INTERFACES.md, "Distribution"). lw_fmt, lw_spdlog and lw_tomlpp are the targets to use.
find_package(Threads REQUIRED)

find_package(fmt QUIET)
lw_require(fmt_FOUND libfmt-dev "fmt")
find_package(spdlog QUIET)
lw_require(spdlog_FOUND libspdlog-dev "spdlog")
add_library(lw_fmt INTERFACE)
target_link_libraries(lw_fmt INTERFACE fmt::fmt-header-only)
add_library(lw_spdlog INTERFACE)
target_include_directories(lw_spdlog SYSTEM INTERFACE
                           $<TARGET_PROPERTY:spdlog::spdlog_header_only,INTERFACE_INCLUDE_DIRECTORIES>)
# No SPDLOG_COMPILED_LIB: spdlog's *-inl.h definitions are compiled in; fmt is Debian's.
target_compile_definitions(lw_spdlog INTERFACE SPDLOG_FMT_EXTERNAL)
target_link_libraries(lw_spdlog INTERFACE lw_fmt Threads::Threads)

find_package(PkgConfig QUIET)
lw_require(PKG_CONFIG_FOUND pkg-config "pkg-config")
pkg_check_modules(TOMLPP QUIET tomlplusplus)
lw_require(TOMLPP_FOUND libtomlplusplus-dev "toml++")
find_path(TOMLPP_INCLUDE_DIR toml++/toml.h HINTS ${TOMLPP_INCLUDE_DIRS})
lw_require(TOMLPP_INCLUDE_DIR libtomlplusplus-dev "toml++ headers")
add_library(lw_tomlpp INTERFACE)
target_include_directories(lw_tomlpp SYSTEM INTERFACE ${TOMLPP_INCLUDE_DIR})
target_compile_definitions(lw_tomlpp INTERFACE TOML_HEADER_ONLY=1)

find_package(CLI11 QUIET)
lw_require(CLI11_FOUND libcli11-dev "CLI11")

if(LW_BUILD_TESTS)
  find_package(GTest QUIET)
  lw_require(GTest_FOUND "libgtest-dev libgmock-dev" "GoogleTest")
endif()
