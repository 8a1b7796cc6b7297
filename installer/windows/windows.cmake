# Windows: an MSI built by CPack's WiX generator. Not built on the project's CI.
#  - finagent.exe gets the app icon (a resource compiled from an ICO rendered from the SVG);
#  - windeployqt copies the Qt DLLs and plugins next to the installed exe; QtKeychain's DLL and
#    the MSVC runtime are installed beside them;
#  - a Start-menu shortcut "FinAgent" (CPACK_PACKAGE_EXECUTABLES) and a fixed upgrade GUID, so
#    a newer MSI replaces an older one.
if(TARGET finagent_iconrender)
    set(_ico "${CMAKE_CURRENT_BINARY_DIR}/FinAgent.ico")
    add_custom_command(OUTPUT "${_ico}"
        COMMAND finagent_iconrender "${FINAGENT_ICON_SVG}" 256 "${_ico}"
        DEPENDS finagent_iconrender "${FINAGENT_ICON_SVG}"
        COMMENT "Rendering the application icon to ICO"
        VERBATIM)
    add_custom_target(finagent_windows_icon DEPENDS "${_ico}")
    add_dependencies(finagent finagent_windows_icon)
    file(TO_CMAKE_PATH "${_ico}" FINAGENT_ICO_PATH)
    configure_file("${CMAKE_CURRENT_LIST_DIR}/finagent.rc.in" "${CMAKE_CURRENT_BINARY_DIR}/finagent.rc" @ONLY)
    target_sources(finagent PRIVATE "${CMAKE_CURRENT_BINARY_DIR}/finagent.rc")
    set(CPACK_WIX_PRODUCT_ICON "${_ico}")
endif()

install(IMPORTED_RUNTIME_ARTIFACTS Qt6Keychain::Qt6Keychain RUNTIME DESTINATION bin LIBRARY DESTINATION bin)

set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION bin)
include(InstallRequiredSystemLibraries)

find_program(FINAGENT_WINDEPLOYQT windeployqt HINTS "${QT6_INSTALL_PREFIX}/${QT6_INSTALL_BINS}" REQUIRED)
install(CODE "
    execute_process(COMMAND \"${FINAGENT_WINDEPLOYQT}\" --no-compiler-runtime --verbose 1
        \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/bin/finagent.exe\"
        COMMAND_ERROR_IS_FATAL ANY)")

set(CPACK_WIX_UPGRADE_GUID "E0ACDE1D-731A-40E0-A436-A84739A1B82B")
# The shortcut goes straight into the Start menu, not into a folder of its own.
set(CPACK_WIX_PROGRAM_MENU_FOLDER ".")
set(CPACK_WIX_PROPERTY_ARPURLINFOABOUT "${FINAGENT_HOMEPAGE}")
set(CPACK_WIX_PROPERTY_ARPHELPLINK "${FINAGENT_HOMEPAGE}/issues")
