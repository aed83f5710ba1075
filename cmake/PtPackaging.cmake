# Installers through CPack (docs/PACKAGING.md). Included at the end of the
# top-level CMakeLists.txt, after every install() rule.
#
#   Linux    two .deb packages: portfolio-tracker (component app: the desktop app,
#            portfolio-cli, desktop integration) and portfolio-server (component
#            server: the server, its systemd unit, /etc configuration, docs).
#            Library dependencies are computed by dpkg-shlibdeps.
#   Windows  an NSIS installer of the app and portfolio-cli, Qt bundled by
#            windeployqt (qt_generate_deploy_app_script).
#   macOS    a DragNDrop disk image of the app bundle, Qt bundled by macdeployqt.
#
# scripts/package builds the .deb files with the "package" preset.

include_guard(GLOBAL)
include(GNUInstallDirs)

# Both the app (Qt Charts, GPL-3+) and the server (Qt HttpServer, GPL-3) link
# modules Qt offers under the GPL only: the project is GPL-3.0-or-later. Set
# before the desktop integration reads it for the AppStream metainfo.
set(PT_PROJECT_LICENSE "GPL-3.0-or-later" CACHE STRING "SPDX id of the project's license (LICENSE)")
include(PtDesktopIntegration OPTIONAL)

set(PT_PACKAGE_MAINTAINER "Portfolio Tracker maintainers <packages@portfoliotracker.org>"
    CACHE STRING "The packages' maintainer, \"Name <email>\"")

# Which installers to configure. Another platform's value only configures (so its
# CMake code can be checked here); CPack cannot build it on this host.
if(WIN32)
    set(_pt_default_package_platform windows)
elseif(APPLE)
    set(_pt_default_package_platform macos)
else()
    set(_pt_default_package_platform linux)
endif()
set(PT_PACKAGE_PLATFORM "${_pt_default_package_platform}" CACHE STRING
    "Installers to configure: linux (.deb), windows (NSIS) or macos (DragNDrop)")
set_property(CACHE PT_PACKAGE_PLATFORM PROPERTY STRINGS linux windows macos)

set(CPACK_PACKAGE_NAME "portfolio-tracker")
set(CPACK_PACKAGE_VENDOR "Portfolio Tracker")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_PACKAGE_CONTACT "${PT_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_INSTALL_DIRECTORY "Portfolio Tracker")
set(CPACK_RESOURCE_FILE_LICENSE "${PROJECT_SOURCE_DIR}/LICENSE")
set(CPACK_STRIP_FILES TRUE)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
# Only our two components, whatever else may carry an install() rule.
set(CPACK_COMPONENTS_ALL app server)

# The app bundles its Qt on Windows and macOS: windeployqt / macdeployqt, run by a
# script Qt generates, at install time (and so inside CPack's staging folder).
function(pt_install_qt_deploy_script)
    # OUTPUT_SCRIPT arrived in Qt 6.5; 6.4 calls it FILENAME_VARIABLE.
    if(Qt6_VERSION VERSION_GREATER_EQUAL 6.5)
        set(script_keyword OUTPUT_SCRIPT)
    else()
        set(script_keyword FILENAME_VARIABLE)
    endif()
    qt_generate_deploy_app_script(TARGET portfolio-tracker
        ${script_keyword} deploy_script
        NO_UNSUPPORTED_PLATFORM_ERROR)
    install(SCRIPT "${deploy_script}" COMPONENT app)
endfunction()

# --- Debian ------------------------------------------------------------------

# gzip -9n: no file name and no time stamp inside, as Debian wants for docs.
function(pt_gzip input output)
    find_program(PT_GZIP gzip REQUIRED)
    execute_process(COMMAND "${PT_GZIP}" -9 -n -c "${input}"
        OUTPUT_FILE "${output}" RESULT_VARIABLE failed)
    if(failed)
        message(FATAL_ERROR "gzip ${input} failed")
    endif()
endfunction()

# "Sat, 21 Nov 2026 00:00:00 +0000" for the date YYYY-MM-DD (days since the
# epoch, as in Howard Hinnant's days_from_civil; 1970-01-01 was a Thursday).
function(pt_rfc2822_date iso_date out)
    string(REGEX MATCH "^([0-9]+)-0*([0-9]+)-0*([0-9]+)$" _ "${iso_date}")
    set(y ${CMAKE_MATCH_1})
    set(m ${CMAKE_MATCH_2})
    set(d ${CMAKE_MATCH_3})
    set(month ${m})
    if(m LESS_EQUAL 2)
        math(EXPR y "${y} - 1")
        math(EXPR shifted_month "${m} + 9")
    else()
        math(EXPR shifted_month "${m} - 3")
    endif()
    math(EXPR era "${y} / 400")
    math(EXPR yoe "${y} - ${era} * 400")
    math(EXPR doy "(153 * ${shifted_month} + 2) / 5 + ${d} - 1")
    math(EXPR doe "${yoe} * 365 + ${yoe} / 4 - ${yoe} / 100 + ${doy}")
    math(EXPR days "${era} * 146097 + ${doe} - 719468")
    math(EXPR weekday "(${days} + 4) % 7")
    set(weekdays Sun Mon Tue Wed Thu Fri Sat)
    set(months Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec)
    list(GET weekdays ${weekday} weekday_name)
    math(EXPR month_index "${month} - 1")
    list(GET months ${month_index} month_name)
    string(REGEX REPLACE "^[0-9]+-[0-9]+-([0-9]+)$" "\\1" day "${iso_date}")
    string(SUBSTRING "${iso_date}" 0 4 year)
    set(${out} "${weekday_name}, ${day} ${month_name} ${year} 00:00:00 +0000" PARENT_SCOPE)
endfunction()

# Wraps `text` into Debian changelog lines: "  * " first, "    " after, at most 78 columns.
function(pt_changelog_item text out)
    string(REGEX REPLACE " +" ";" words "${text}")
    set(result "")
    set(line "  *")
    foreach(word IN LISTS words)
        string(LENGTH "${line} ${word}" length)
        if(length GREATER 78 AND NOT line STREQUAL "    ")
            string(APPEND result "${line}\n")
            set(line "    ${word}")
        elseif(line STREQUAL "    ")
            set(line "    ${word}")
        else()
            string(APPEND line " ${word}")
        endif()
    endforeach()
    set(${out} "${result}${line}\n" PARENT_SCOPE)
endfunction()

# Writes debian/changelog for `package` (version PROJECT_VERSION-release): one
# entry, its items those of CHANGELOG.md's section "## [version] - YYYY-MM-DD"
# (paragraphs and list items, headings and Markdown code marks dropped), its date
# that section's.
function(pt_write_debian_changelog package release output)
    include(PtChangelog)
    pt_changelog_section("${PROJECT_VERSION}" date blocks)
    set(items "")
    foreach(block IN LISTS blocks)
        string(REGEX REPLACE "^[a-z]+ " "" text "${block}")
        string(REPLACE "`" "" text "${text}")
        pt_changelog_item("${text}" item)
        pt_changelog_decode("${item}" item)
        string(APPEND items "${item}")
    endforeach()
    if(date STREQUAL "")
        message(WARNING "CHANGELOG.md has no section \"## [${PROJECT_VERSION}] - YYYY-MM-DD\": "
                        "the Debian changelog gets today's date and no notes.")
        string(TIMESTAMP date "%Y-%m-%d" UTC)
        set(items "  * Release ${PROJECT_VERSION}.\n")
    endif()
    pt_rfc2822_date("${date}" rfc_date)
    file(WRITE "${output}"
        "${package} (${PROJECT_VERSION}-${release}) unstable; urgency=medium\n\n"
        "${items}\n"
        " -- ${PT_PACKAGE_MAINTAINER}  ${rfc_date}\n")
endfunction()

# Installs a package's /usr/share/doc files: copyright, changelog.Debian.gz and
# the upstream changelog.gz (CHANGELOG.md).
function(pt_install_debian_docs package component)
    set(out "${PROJECT_BINARY_DIR}/packaging/debian/${package}")
    set(doc "${CMAKE_INSTALL_DATADIR}/doc/${package}")
    file(MAKE_DIRECTORY "${out}")
    configure_file("${PROJECT_SOURCE_DIR}/packaging/debian/copyright.in" "${out}/copyright" @ONLY)
    pt_write_debian_changelog(${package} ${CPACK_DEBIAN_PACKAGE_RELEASE} "${out}/changelog.Debian")
    pt_gzip("${out}/changelog.Debian" "${out}/changelog.Debian.gz")
    install(FILES "${out}/copyright" "${out}/changelog.Debian.gz" DESTINATION "${doc}" COMPONENT ${component})
    if(EXISTS "${PROJECT_SOURCE_DIR}/CHANGELOG.md")
        pt_gzip("${PROJECT_SOURCE_DIR}/CHANGELOG.md" "${out}/changelog.gz")
        install(FILES "${out}/changelog.gz" DESTINATION "${doc}" COMPONENT ${component})
    endif()
endfunction()

# Installs a man page, gzipped.
function(pt_install_man_page page section component)
    set(out "${PROJECT_BINARY_DIR}/packaging/debian/man")
    file(MAKE_DIRECTORY "${out}")
    set(source "${PROJECT_SOURCE_DIR}/packaging/debian/man/${page}.${section}")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${source}")
    pt_gzip("${source}" "${out}/${page}.${section}.gz")
    install(FILES "${out}/${page}.${section}.gz"
        DESTINATION "${CMAKE_INSTALL_MANDIR}/man${section}" COMPONENT ${component})
endfunction()

macro(pt_configure_debian_packages)
    set(CPACK_GENERATOR DEB)
    set(CPACK_DEB_COMPONENT_INSTALL ON)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
    set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PT_PACKAGE_MAINTAINER}")
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
    set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
    # Library dependencies (Qt 6, QtKeychain, libsodium, libpq, SQLite, libstdc++)
    # come from dpkg-shlibdeps, with the versions the binaries need.
    set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    # 0755 maintainer scripts, 0644 conffiles, whatever the checkout's modes.
    set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)

    set(CPACK_DEBIAN_APP_PACKAGE_NAME portfolio-tracker)
    set(CPACK_DEBIAN_APP_PACKAGE_SECTION misc)
    # Each package's synopsis is the first line of its description: CPack puts
    # CPACK_PACKAGE_DESCRIPTION_SUMMARY in front unless it is CPack's own default.
    set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
    string(CONCAT CPACK_DEBIAN_APP_DESCRIPTION
        "Track investment portfolios offline, exactly\n"
        "A desktop application and a command-line tool (portfolio-cli) for a ledger\n"
        "of stocks, ETFs, funds, bonds, crypto and currencies, in exact decimals.\n"
        "Holdings, cost basis, realized gains, income, valuation, returns and\n"
        "allocation are derived from the entries. The data stays in an SQLite file\n"
        "or a PostgreSQL database you run; market data is fetched in the background.")
    # Qt loads these plugins at run time, so dpkg-shlibdeps cannot see them in the
    # binaries: the SQLite driver (the default store), the platform plugins (xcb,
    # wayland) and the SVG icon plugins; the PostgreSQL driver only for a PostgreSQL
    # store; a Secret Service provider for QtKeychain's passwords.
    if(PT_BUILD_GUI)
        set(CPACK_DEBIAN_APP_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins, libqt6svg6")
    else()
        set(CPACK_DEBIAN_APP_PACKAGE_DEPENDS "libqt6sql6-sqlite")
    endif()
    set(CPACK_DEBIAN_APP_PACKAGE_RECOMMENDS "libqt6sql6-psql, gnome-keyring | kwalletmanager")

    set(CPACK_DEBIAN_SERVER_PACKAGE_NAME portfolio-server)
    set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
    string(CONCAT CPACK_DEBIAN_SERVER_DESCRIPTION
        "Sync server for Portfolio Tracker\n"
        "Keeps accounts and every account's sync log in PostgreSQL and answers the\n"
        "sync API of Portfolio Tracker's app and portfolio-cli over HTTP on loopback,\n"
        "behind a TLS proxy such as nginx. Runs as its own unprivileged user under a\n"
        "hardened systemd unit; not enabled until it is configured.")
    # The QPSQL plugin (loaded at run time, so invisible to dpkg-shlibdeps), and
    # adduser for postinst's system user.
    set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "libqt6sql6-psql, adduser")
    set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "postgresql, nginx")
    set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
        "${PROJECT_SOURCE_DIR}/packaging/debian/server/conffiles"
        "${PROJECT_SOURCE_DIR}/packaging/debian/server/postinst"
        "${PROJECT_SOURCE_DIR}/packaging/debian/server/prerm"
        "${PROJECT_SOURCE_DIR}/packaging/debian/server/postrm")

    # portfolio-tracker: the binaries' rules are in src/app and src/cli, the
    # desktop files in PtDesktopIntegration.
    pt_install_debian_docs(portfolio-tracker app)
    install(FILES README.md docs/BACKUP.md docs/IMPORT.md docs/POSTGRESQL-AND-KEYCHAIN.md docs/SYNC.md
        DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/portfolio-tracker" COMPONENT app)
    if(PT_BUILD_GUI)
        pt_install_man_page(portfolio-tracker 1 app)
    endif()
    pt_install_man_page(portfolio-cli 1 app)

    # portfolio-server. Absolute paths: the unit and /etc are where Debian has them
    # whatever the prefix.
    pt_install_debian_docs(portfolio-server server)
    install(FILES packaging/systemd/portfolio-server.service
        DESTINATION /lib/systemd/system COMPONENT server)
    install(FILES packaging/portfolio-server.conf
        DESTINATION /etc/portfolio-server COMPONENT server)
    install(FILES docs/SERVER.md packaging/debian/server/README.Debian
        DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/portfolio-server" COMPONENT server)
    install(FILES packaging/nginx/portfolio-server.conf
        DESTINATION "${CMAKE_INSTALL_DATADIR}/doc/portfolio-server/examples"
        RENAME nginx-portfolio-server.conf COMPONENT server)
    pt_install_man_page(portfolio-server 8 server)
endmacro()

if(PT_PACKAGE_PLATFORM STREQUAL "linux")
    pt_configure_debian_packages()
elseif(PT_PACKAGE_PLATFORM STREQUAL "windows")
    set(CPACK_GENERATOR NSIS)
    set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
    set(CPACK_COMPONENTS_ALL app) # the server is for Linux (systemd, nginx)
    if(PT_BUILD_GUI)
        pt_install_qt_deploy_script()
    endif()
    # windeployqt copies Qt only. The MSVC runtime comes from CMake's module; the
    # QtKeychain, libpq, SQLite and OpenSSL DLLs from the folders in PATH (e.g.
    # vcpkg's installed/x64-windows/bin) or PT_RUNTIME_DLL_DIRS, next to the
    # executables.
    set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION bin)
    set(CMAKE_INSTALL_SYSTEM_RUNTIME_COMPONENT app)
    include(InstallRequiredSystemLibraries)
    set(PT_RUNTIME_DLL_DIRS "" CACHE STRING "Windows: more folders to find the non-Qt DLLs in")
    set(_pt_executables "$<TARGET_FILE:portfolio-cli>")
    if(TARGET portfolio-tracker)
        list(APPEND _pt_executables "$<TARGET_FILE:portfolio-tracker>")
    endif()
    install(CODE "set(pt_executables \"${_pt_executables}\")
                  set(pt_dll_dirs \"${PT_RUNTIME_DLL_DIRS}\")" COMPONENT app)
    install(CODE [[
        file(GET_RUNTIME_DEPENDENCIES
            EXECUTABLES ${pt_executables}
            DIRECTORIES ${pt_dll_dirs} $ENV{PATH}
            RESOLVED_DEPENDENCIES_VAR pt_dlls
            UNRESOLVED_DEPENDENCIES_VAR pt_missing
            # DLL names arrive in lower case. Qt is windeployqt's, the rest Windows'.
            PRE_EXCLUDE_REGEXES "^api-ms-" "^ext-ms-" "^qt6" "^vcruntime" "^msvcp" "^concrt"
            POST_EXCLUDE_REGEXES "[/\\][Ss]ystem32[/\\]" "[/\\][Ww]indows[/\\]")
        if(pt_missing)
            message(WARNING "DLLs not found (add their folder to PATH or PT_RUNTIME_DLL_DIRS): ${pt_missing}")
        endif()
        foreach(dll IN LISTS pt_dlls)
            get_filename_component(dll_dir "${dll}" DIRECTORY)
            if(NOT dll_dir STREQUAL "${CMAKE_INSTALL_PREFIX}/bin")
                file(INSTALL "${dll}" DESTINATION "${CMAKE_INSTALL_PREFIX}/bin")
            endif()
        endforeach()
        ]] COMPONENT app)

    set(CPACK_NSIS_PACKAGE_NAME "Portfolio Tracker")
    set(CPACK_NSIS_DISPLAY_NAME "Portfolio Tracker ${PROJECT_VERSION}")
    set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
    set(CPACK_NSIS_CONTACT "${PT_PACKAGE_MAINTAINER}")
    set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
    # A Start menu shortcut to the app, and "Run Portfolio Tracker" on the last page.
    set(CPACK_NSIS_EXECUTABLES_DIRECTORY bin)
    set(CPACK_PACKAGE_EXECUTABLES portfolio-tracker "Portfolio Tracker")
    set(CPACK_NSIS_INSTALLED_ICON_NAME "bin\\\\portfolio-tracker.exe")
    set(CPACK_NSIS_MUI_FINISHPAGE_RUN portfolio-tracker.exe)
    # No file association: backups are .sqlite and .json files (docs/BACKUP.md),
    # extensions too general to claim for the app.
elseif(PT_PACKAGE_PLATFORM STREQUAL "macos")
    set(CPACK_GENERATOR DragNDrop)
    set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
    set(CPACK_COMPONENTS_ALL app)
    set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
    set(CPACK_DMG_VOLUME_NAME "Portfolio Tracker")
    set(CPACK_DMG_FORMAT UDZO)
    if(PT_BUILD_GUI)
        pt_install_qt_deploy_script()
    endif()
    # The image holds the app bundle only: portfolio-cli in bin/ would load Qt from
    # the build machine (macdeployqt fixes up the bundle alone).
    set(_pt_drop_cli "${PROJECT_BINARY_DIR}/packaging/macos-drop-cli.cmake")
    file(WRITE "${_pt_drop_cli}" [[
file(GLOB bin_dirs "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/bin" "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/bin")
if(bin_dirs)
    file(REMOVE_RECURSE ${bin_dirs})
endif()
]])
    set(CPACK_PRE_BUILD_SCRIPTS "${_pt_drop_cli}")
else()
    message(FATAL_ERROR "PT_PACKAGE_PLATFORM must be linux, windows or macos, not \"${PT_PACKAGE_PLATFORM}\"")
endif()

include(CPack)

cpack_add_component(app
    DISPLAY_NAME "Portfolio Tracker"
    DESCRIPTION "The desktop app and portfolio-cli"
    REQUIRED)
cpack_add_component(server
    DISPLAY_NAME "Sync server"
    DESCRIPTION "portfolio-server, its systemd unit and configuration")
