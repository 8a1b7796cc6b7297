# finagent_add_test(<name> SOURCES <files...> [LIBS <targets...>] [GUI] [KEYRING]
#                   [ENVIRONMENT <VAR=value...>] [TIMEOUT <seconds>] [LABELS <labels...>])
#
# One QTest executable per test. GUI tests run with the offscreen platform; KEYRING tests run
# inside a private D-Bus session with a freshly unlocked gnome-keyring (tests/support/with-keyring.sh).
function(finagent_add_test name)
    cmake_parse_arguments(ARG "GUI;KEYRING" "TIMEOUT" "SOURCES;LIBS;ENVIRONMENT;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE finagent_testsupport Qt6::Test ${ARG_LIBS})
    set(command $<TARGET_FILE:${name}>)
    if(ARG_KEYRING)
        set(command "${FINAGENT_SOURCE_DIR}/tests/support/with-keyring.sh" ${command})
    endif()
    add_test(NAME ${name} COMMAND ${command})
    set(env
        "QT_LOGGING_RULES=finagent.*.debug=false"
        "FINAGENT_TEST_BINARY_DIR=${CMAKE_BINARY_DIR}"
        "FINAGENT_TEST_SOURCE_DIR=${FINAGENT_SOURCE_DIR}"
        "FINAGENT_BINARY=$<TARGET_FILE:finagent>"
        "LANG=C.UTF-8"
        ${ARG_ENVIRONMENT})
    if(ARG_GUI)
        list(APPEND env "QT_QPA_PLATFORM=offscreen")
    endif()
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "${env}"
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}")
endfunction()
