# pt_add_test(NAME SOURCES ... LIBRARIES ... [GUI] [BOTH_BACKENDS] [LABELS ...] [TIMEOUT s])
#
# One Qt Test executable per class or feature. GUI tests run on the offscreen
# platform so they need no display; every test gets a private HOME and XDG folders
# so it never touches the user's real data or settings.
#
# BOTH_BACKENDS: the executable runs twice, as NAME on SQLite and as
# NAME@postgresql (label "postgresql") with PT_TEST_BACKEND=postgresql, on the
# throwaway server of the "postgres" fixture (tests/CMakeLists.txt); there each
# test::TemporaryStore is a fresh database on that server.
# POSTGRES: runs once, with that server (PT_TEST_POSTGRES_URL_FILE), for what
# exists only on PostgreSQL (portfolio-server's database).
function(pt_add_test name)
    cmake_parse_arguments(ARG "GUI;BOTH_BACKENDS;POSTGRES" "TIMEOUT" "SOURCES;LIBRARIES;LABELS" ${ARGN})
    qt_add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE pt::options Qt6::Test ${ARG_LIBRARIES})
    set_target_properties(${name} PROPERTIES AUTOUIC_SEARCH_PATHS "${PROJECT_SOURCE_DIR}/ui")
    add_test(NAME ${name} COMMAND ${name})
    set(env
        "QT_QPA_PLATFORM=offscreen"
        "PT_TEST_TMP=${CMAKE_CURRENT_BINARY_DIR}/tmp/${name}"
        "PT_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
        "ASAN_OPTIONS=detect_leaks=1:abort_on_error=0"
        "LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/lsan.supp:print_suppressions=0"
        "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
    if(TARGET portfolio-cli)
        list(APPEND env "PT_CLI=$<TARGET_FILE:portfolio-cli>")
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    # QtTest's own watchdog aborts a test function after 300 s whatever ctest
    # allows; tie it to the test's TIMEOUT so ctest's limit is the one that holds.
    math(EXPR function_timeout_ms "${ARG_TIMEOUT} * 1000")
    list(APPEND env "QTEST_FUNCTION_TIMEOUT=${function_timeout_ms}")
    if(ARG_POSTGRES)
        # Needs the test PostgreSQL server on its own (portfolio-server's tests).
        list(APPEND env "PT_TEST_POSTGRES_URL_FILE=${CMAKE_BINARY_DIR}/postgres-test/url")
        list(APPEND ARG_LABELS postgresql)
    endif()
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "${env}"
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}")
    if(ARG_POSTGRES)
        set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED postgres)
    endif()
    if(ARG_BOTH_BACKENDS)
        set(postgres_name "${name}@postgresql")
        add_test(NAME ${postgres_name} COMMAND ${name})
        list(TRANSFORM env REPLACE "^PT_TEST_TMP=.*" "PT_TEST_TMP=${CMAKE_CURRENT_BINARY_DIR}/tmp/${postgres_name}")
        list(APPEND env
            "PT_TEST_BACKEND=postgresql"
            "PT_TEST_POSTGRES_URL_FILE=${CMAKE_BINARY_DIR}/postgres-test/url")
        set_tests_properties(${postgres_name} PROPERTIES
            ENVIRONMENT "${env}"
            TIMEOUT ${ARG_TIMEOUT}
            FIXTURES_REQUIRED postgres
            LABELS "${ARG_LABELS};postgresql")
    endif()
endfunction()
