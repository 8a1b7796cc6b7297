# macOS: FinAgent.app in a DMG (CPack DragNDrop). Not built on the project's CI.
#  - the bundle's Info.plist carries the app id as CFBundleIdentifier;
#  - FinAgent.icns is made with iconutil from PNGs rendered from the SVG;
#  - macdeployqt copies Qt and QtKeychain into the installed bundle.
# finagent must already be a MACOSX_BUNDLE when app/CMakeLists.txt installs it (with a
# BUNDLE DESTINATION), because install(TARGETS) decides bundle or plain binary right there.
set_target_properties(finagent PROPERTIES
    OUTPUT_NAME FinAgent
    MACOSX_BUNDLE_INFO_PLIST "${CMAKE_CURRENT_LIST_DIR}/Info.plist.in"
    MACOSX_BUNDLE_GUI_IDENTIFIER "${FINAGENT_APP_ID}"
    MACOSX_BUNDLE_BUNDLE_NAME FinAgent
    MACOSX_BUNDLE_BUNDLE_VERSION "${PROJECT_VERSION}"
    MACOSX_BUNDLE_SHORT_VERSION_STRING "${PROJECT_VERSION}"
    MACOSX_BUNDLE_ICON_FILE FinAgent.icns
    MACOSX_BUNDLE_COPYRIGHT "Copyright (c) 2026 The FinAgent authors")

if(TARGET finagent_iconrender)
    # iconutil wants an .iconset folder with these names (@2x: twice the pixels).
    set(_iconset "${CMAKE_CURRENT_BINARY_DIR}/FinAgent.iconset")
    set(_icns "${CMAKE_CURRENT_BINARY_DIR}/FinAgent.icns")
    set(_render_args)
    foreach(size 16 32 128 256 512)
        math(EXPR size2 "${size} * 2")
        list(APPEND _render_args
            ${size} "${_iconset}/icon_${size}x${size}.png"
            ${size2} "${_iconset}/icon_${size}x${size}@2x.png")
    endforeach()
    find_program(FINAGENT_ICONUTIL iconutil REQUIRED)
    add_custom_command(OUTPUT "${_icns}"
        COMMAND "${CMAKE_COMMAND}" -E make_directory "${_iconset}"
        COMMAND finagent_iconrender "${FINAGENT_ICON_SVG}" ${_render_args}
        COMMAND "${FINAGENT_ICONUTIL}" -c icns -o "${_icns}" "${_iconset}"
        DEPENDS finagent_iconrender "${FINAGENT_ICON_SVG}"
        COMMENT "Making FinAgent.icns"
        VERBATIM)
    add_custom_target(finagent_icns ALL DEPENDS "${_icns}")
    install(FILES "${_icns}" DESTINATION FinAgent.app/Contents/Resources)
endif()

find_program(FINAGENT_MACDEPLOYQT macdeployqt HINTS "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}" REQUIRED)
install(CODE "
    execute_process(COMMAND \"${FINAGENT_MACDEPLOYQT}\" \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/FinAgent.app\"
        -always-overwrite -verbose=1
        COMMAND_ERROR_IS_FATAL ANY)")

set(CPACK_DMG_VOLUME_NAME FinAgent)
set(CPACK_DMG_FORMAT UDZO)
