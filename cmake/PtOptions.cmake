# One INTERFACE target carries the language standard, warnings and strict Qt macros.
# Every target of the project links it, so the rules are stated once.
add_library(pt_options INTERFACE)
add_library(pt::options ALIAS pt_options)

target_compile_features(pt_options INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)

target_compile_definitions(pt_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_NO_KEYWORDS
    QT_NO_FOREACH
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    PT_VERSION="${PROJECT_VERSION}")

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(pt_options INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
        -Wcast-align -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough
        # __int128 is the storage of pt::Decimal; it is a GNU extension we rely on.
        -Wno-pedantic)
elseif(MSVC)
    target_compile_options(pt_options INTERFACE /W4 /permissive- /Zc:__cplusplus)
endif()

if(PT_SANITIZE)
    target_compile_options(pt_options INTERFACE
        -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(pt_options INTERFACE -fsanitize=address,undefined)
endif()

# Fuzzing (the "fuzz" preset): coverage instrumentation for everything the
# libFuzzer targets in tests/fuzz link; they add -fsanitize=fuzzer themselves.
if(PT_BUILD_FUZZERS AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    target_compile_options(pt_options INTERFACE -fsanitize=fuzzer-no-link)
endif()
