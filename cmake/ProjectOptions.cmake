# Warning and sanitizer flags for loopwarden's own targets (never third-party sources).
add_library(lw_options INTERFACE)
target_compile_options(lw_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                            -Wold-style-cast -Wcast-align -Wnull-dereference)
# GCC 12 at -O3 reports impossible overlapping memcpy sizes inside std::string's operator+
# (GCC bug 105329, fixed in 13): a false positive, not a finding about our code.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(lw_options INTERFACE -Wno-restrict)
endif()
if(LW_WERROR)
  target_compile_options(lw_options INTERFACE -Werror)
endif()

if(LW_SANITIZE)
  # Applied to everything (tree-sitter too) so that ASan sees every allocation.
  add_compile_options(-fsanitize=${LW_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${LW_SANITIZE})
  if(LW_SANITIZE MATCHES "thread" AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU"
     AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12)
    # libstdc++'s std::atomic_thread_fence (used by asio) draws GCC's -Wtsan ("not supported
    # with -fsanitize=thread"): a note about TSan's model, not about our code.
    add_compile_options(-Wno-tsan)
  endif()
endif()
