# Files a Debian package carries in /usr/share/doc/finagent: the machine-readable copyright
# (DEP-5, licence text taken from LICENSE) and changelog.Debian.gz. Included from
# installer/CMakeLists.txt on Linux; appends its outputs to _outputs.

# Copyright: the licence text indented by one space, blank lines as " .".
file(STRINGS "${FINAGENT_SOURCE_DIR}/LICENSE" _license_lines)
set(FINAGENT_LICENSE_BODY "")
set(_in_body FALSE)
foreach(_line IN LISTS _license_lines)
    # The DEP-5 paragraph already names the holder; keep from the permission text on.
    if(_line MATCHES "^Permission is hereby granted")
        set(_in_body TRUE)
    endif()
    if(NOT _in_body)
        continue()
    endif()
    if(_line STREQUAL "")
        string(APPEND FINAGENT_LICENSE_BODY " .\n")
    else()
        string(APPEND FINAGENT_LICENSE_BODY " ${_line}\n")
    endif()
endforeach()
string(REGEX REPLACE "\n$" "" FINAGENT_LICENSE_BODY "${FINAGENT_LICENSE_BODY}")
configure_file("${CMAKE_CURRENT_LIST_DIR}/copyright.in" "${_gen}/copyright" @ONLY)

# Changelog dates in RFC 2822 form. The release entry is dated at noon UTC of the release day;
# a package rebuilt under another version (FINAGENT_PACKAGE_VERSION) gets an entry dated now, or
# a minute after the release entry when now is earlier (a rebuild on the release day's morning):
# each entry must be newer than the one below it (lintian: latest-changelog-entry-without-new-date).
find_program(FINAGENT_DATE date REQUIRED)
execute_process(COMMAND "${FINAGENT_DATE}" -u -R -d "${FINAGENT_RELEASE_DATE} 12:00:00 UTC"
    OUTPUT_VARIABLE FINAGENT_RELEASE_DATE_RFC2822 OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
set(FINAGENT_CHANGELOG_REBUILD_ENTRY "")
if(NOT FINAGENT_PACKAGE_VERSION STREQUAL PROJECT_VERSION)
    execute_process(COMMAND "${FINAGENT_DATE}" -u +%s -d "${FINAGENT_RELEASE_DATE} 12:00:00 UTC"
        OUTPUT_VARIABLE _release_epoch OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
    string(TIMESTAMP _epoch "%s" UTC)
    if(_epoch LESS_EQUAL _release_epoch)
        math(EXPR _epoch "${_release_epoch} + 60")
    endif()
    execute_process(COMMAND "${FINAGENT_DATE}" -u -R -d "@${_epoch}"
        OUTPUT_VARIABLE _now OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
    set(FINAGENT_CHANGELOG_REBUILD_ENTRY
        "finagent (${FINAGENT_PACKAGE_VERSION}-${FINAGENT_DEBIAN_REVISION}) stable; urgency=medium\n\n  * FinAgent ${PROJECT_VERSION} packaged as version ${FINAGENT_PACKAGE_VERSION}.\n\n -- ${FINAGENT_PACKAGE_MAINTAINER}  ${_now}\n\n")
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/changelog.in" "${_gen}/changelog.Debian" @ONLY)
add_custom_command(OUTPUT "${_gen}/changelog.Debian.gz"
    COMMAND "${FINAGENT_GZIP}" -9nkf "${_gen}/changelog.Debian"
    DEPENDS "${_gen}/changelog.Debian"
    COMMENT "Compressing changelog.Debian"
    VERBATIM)
list(APPEND _outputs "${_gen}/changelog.Debian.gz")

set(_docdir "${CMAKE_INSTALL_DATADIR}/doc/finagent")
install(FILES "${_gen}/copyright" "${_gen}/changelog.Debian.gz" DESTINATION "${_docdir}")
if(EXISTS "${CMAKE_CURRENT_LIST_DIR}/lintian-overrides")
    install(FILES "${CMAKE_CURRENT_LIST_DIR}/lintian-overrides" DESTINATION "${CMAKE_INSTALL_DATADIR}/lintian/overrides"
        RENAME finagent)
endif()
