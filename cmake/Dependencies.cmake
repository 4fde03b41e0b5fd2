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

find_package(fmt QUIET)
lw_require(fmt_FOUND libfmt-dev "fmt")
find_package(spdlog QUIET)
lw_require(spdlog_FOUND libspdlog-dev "spdlog")

find_package(PkgConfig QUIET)
lw_require(PKG_CONFIG_FOUND pkg-config "pkg-config")
pkg_check_modules(TOMLPP QUIET IMPORTED_TARGET tomlplusplus)
lw_require(TOMLPP_FOUND libtomlplusplus-dev "toml++")

find_package(CLI11 QUIET)
lw_require(CLI11_FOUND libcli11-dev "CLI11")

find_package(Threads REQUIRED)

if(LW_BUILD_TESTS)
  find_package(GTest QUIET)
  lw_require(GTest_FOUND "libgtest-dev libgmock-dev" "GoogleTest")
endif()
