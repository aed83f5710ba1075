# The desktop app's integration on Linux (packaging/linux): the .desktop entry,
# the AppStream metainfo, the MIME type of backups and the hicolor icons, all
# installed with COMPONENT app. Included by cmake/PtPackaging.cmake.
#
# The metainfo is configured: version from project(), the release's date and
# notes from that version's section of CHANGELOG.md. The PNG icons are rendered
# from resources/icons/portfolio-tracker.svg at build time by rsvg-convert
# (librsvg2-bin); without it only the SVG is installed.
#
# When desktop-file-validate and appstreamcli are found and tests are built, the
# test `desktop_integration` validates the files and the MIME match of a real
# backup (packaging/linux/check-desktop-integration).

include_guard(GLOBAL)

if(NOT UNIX OR APPLE OR NOT PT_BUILD_GUI)
    return()
endif()

include(GNUInstallDirs)

set(PT_APP_ID "org.portfoliotracker.PortfolioTracker")
set(PT_PROJECT_LICENSE "GPL-3.0-or-later" CACHE STRING "SPDX id of the project's license (LICENSE)")
set(PT_SCREENSHOT_URL "https://portfoliotracker.org/screenshots"
    CACHE STRING "Where the AppStream screenshots (docs/screenshots/*.png) are published")
set(PT_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")

set(_pt_linux_dir "${PROJECT_SOURCE_DIR}/packaging/linux")
set(_pt_linux_out "${PROJECT_BINARY_DIR}/packaging/linux")

include(PtChangelog)

# CHANGELOG.md's section for `version` (PtChangelog.cmake): its date, and its text
# as AppStream markup (paragraphs as <p>, list items as <li> in <ul>; Markdown
# emphasis and code marks dropped).
function(pt_changelog_release version out_date out_notes)
    pt_changelog_section("${version}" date blocks)
    set(notes "")
    set(in_list FALSE)
    foreach(block IN LISTS blocks)
        string(REGEX MATCH "^[a-z]+" kind "${block}")
        string(REGEX REPLACE "^[a-z]+ " "" text "${block}")
        string(REGEX REPLACE "[`*]" "" text "${text}")
        string(REPLACE "&" "&amp;" text "${text}")
        string(REPLACE "<" "&lt;" text "${text}")
        string(REPLACE ">" "&gt;" text "${text}")
        pt_changelog_decode("${text}" text)
        if(kind STREQUAL "li")
            if(NOT in_list)
                string(APPEND notes "        <ul>\n")
                set(in_list TRUE)
            endif()
            string(APPEND notes "          <li>${text}</li>\n")
        else()
            if(in_list) # a paragraph after a list
                string(APPEND notes "        </ul>\n")
                set(in_list FALSE)
            endif()
            string(APPEND notes "        <p>${text}</p>\n")
        endif()
    endforeach()
    if(in_list)
        string(APPEND notes "        </ul>\n")
    endif()
    string(REGEX REPLACE "\n$" "" notes "${notes}")
    set(${out_date} "${date}" PARENT_SCOPE)
    set(${out_notes} "${notes}" PARENT_SCOPE)
endfunction()

pt_changelog_release("${PROJECT_VERSION}" PT_RELEASE_DATE PT_RELEASE_NOTES)
if(NOT PT_RELEASE_DATE)
    message(WARNING "CHANGELOG.md has no section \"## [${PROJECT_VERSION}] - YYYY-MM-DD\": "
                    "the AppStream metainfo gets today's date and no release notes.")
    string(TIMESTAMP PT_RELEASE_DATE "%Y-%m-%d" UTC)
    set(PT_RELEASE_NOTES "        <p>Version ${PROJECT_VERSION}.</p>")
endif()

configure_file("${_pt_linux_dir}/${PT_APP_ID}.metainfo.xml.in"
               "${_pt_linux_out}/${PT_APP_ID}.metainfo.xml" @ONLY)

install(FILES "${_pt_linux_dir}/${PT_APP_ID}.desktop"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/applications" COMPONENT app)
install(FILES "${_pt_linux_out}/${PT_APP_ID}.metainfo.xml"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/metainfo" COMPONENT app)
install(FILES "${_pt_linux_dir}/portfolio-tracker-mime.xml"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/mime/packages" COMPONENT app)

# Icons: the SVG as is, PNGs rendered from it in the hicolor sizes.
set(_pt_icon_svg "${PROJECT_SOURCE_DIR}/resources/icons/portfolio-tracker.svg")
install(FILES "${_pt_icon_svg}"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps"
        RENAME "${PT_APP_ID}.svg" COMPONENT app)

find_program(PT_RSVG_CONVERT rsvg-convert DOC "rsvg-convert (librsvg2-bin), renders the PNG icons")
if(PT_RSVG_CONVERT)
    set(_pt_icon_pngs "")
    foreach(size IN ITEMS 16 22 24 32 48 64 128 256 512)
        set(png "${_pt_linux_out}/icons/${size}x${size}/${PT_APP_ID}.png")
        add_custom_command(OUTPUT "${png}"
            COMMAND "${CMAKE_COMMAND}" -E make_directory "${_pt_linux_out}/icons/${size}x${size}"
            COMMAND "${PT_RSVG_CONVERT}" --width ${size} --height ${size} --keep-aspect-ratio
                    --output "${png}" "${_pt_icon_svg}"
            DEPENDS "${_pt_icon_svg}"
            COMMENT "Rendering the ${size}x${size} icon"
            VERBATIM)
        list(APPEND _pt_icon_pngs "${png}")
        install(FILES "${png}"
                DESTINATION "${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps" COMPONENT app)
    endforeach()
    add_custom_target(pt_desktop_icons ALL DEPENDS ${_pt_icon_pngs})
else()
    message(STATUS "rsvg-convert not found (Debian: librsvg2-bin): the PNG icons are not built or "
                   "installed, only the scalable SVG")
endif()

# Validation, as a test (labels "packaging").
find_program(PT_DESKTOP_FILE_VALIDATE desktop-file-validate)
find_program(PT_APPSTREAMCLI appstreamcli)
find_program(PT_UPDATE_MIME_DATABASE update-mime-database)
if(PT_BUILD_TESTS AND TARGET portfolio-cli AND PT_DESKTOP_FILE_VALIDATE AND PT_APPSTREAMCLI
   AND PT_UPDATE_MIME_DATABASE)
    add_test(NAME desktop_integration
        COMMAND "${_pt_linux_dir}/check-desktop-integration"
                "${_pt_linux_dir}" "${_pt_linux_out}/${PT_APP_ID}.metainfo.xml" "$<TARGET_FILE:portfolio-cli>")
    set_tests_properties(desktop_integration PROPERTIES
        LABELS packaging TIMEOUT 120
        ENVIRONMENT "PT_TEST_TMP=${_pt_linux_out}/tmp;ASAN_OPTIONS=detect_leaks=0")
elseif(PT_BUILD_TESTS)
    message(STATUS "desktop-file-validate, appstreamcli or update-mime-database missing "
                   "(desktop-file-utils, appstream, shared-mime-info): no desktop_integration test")
endif()
