# Reads CHANGELOG.md (Keep a Changelog) for the packaging: the AppStream release
# notes (PtDesktopIntegration) and the Debian changelog (PtPackaging) both take
# their text from the same section, read here once.

include_guard(GLOBAL)

# The stand-ins for ';', '[' and ']' in a section's text (see below), as the
# variables semi, open and close of the caller.
macro(_pt_changelog_markers)
    string(ASCII 1 semi)
    string(ASCII 2 open)
    string(ASCII 3 close)
endmacro()

# The section "## [version] - YYYY-MM-DD": its date (empty when there is no such
# section) and its blocks, in order, as a list whose elements are "p <text>" (a
# paragraph) or "li <text>" (a list item); ### headings are dropped, a block's
# lines are joined with single spaces. In the text, ';', '[' and ']' are
# ASCII 1, 2 and 3, so the list splits only between blocks: pass each text
# through pt_changelog_decode() before using it.
function(pt_changelog_section version out_date out_blocks)
    set(changelog "${PROJECT_SOURCE_DIR}/CHANGELOG.md")
    set(date "")
    set(blocks "")
    if(EXISTS "${changelog}")
        set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${changelog}")
        file(READ "${changelog}" content)
        _pt_changelog_markers()
        string(REPLACE ";" "${semi}" content "${content}")
        string(REPLACE "[" "${open}" content "${content}")
        string(REPLACE "]" "${close}" content "${content}")
        string(REPLACE "\n" ";" lines "${content}")
        list(APPEND lines "## end") # closes the last block
        string(REPLACE "." "\\." version_re "${version}")
        set(in_section FALSE)
        set(kind "")
        set(text "")
        foreach(line IN LISTS lines)
            if(NOT in_section)
                if(line MATCHES "^## ${open}${version_re}${close} - ([0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9])")
                    set(in_section TRUE)
                    set(date "${CMAKE_MATCH_1}")
                endif()
                continue()
            endif()
            string(STRIP "${line}" stripped)
            set(ends_section FALSE)
            if(line MATCHES "^## " OR line MATCHES "^${open}")
                set(ends_section TRUE) # the next release, or the link definitions
            endif()
            set(starts_item FALSE)
            if(line MATCHES "^[-*] ")
                set(starts_item TRUE)
            endif()
            # A block ends at an empty line, a heading, a new list item or the section's end.
            if(NOT text STREQUAL "" AND (stripped STREQUAL "" OR stripped MATCHES "^#" OR starts_item OR ends_section))
                list(APPEND blocks "${kind} ${text}")
                set(text "")
            endif()
            if(ends_section)
                break()
            endif()
            if(stripped STREQUAL "" OR stripped MATCHES "^#")
                continue()
            endif()
            if(starts_item)
                set(kind "li")
                string(REGEX REPLACE "^[-*] +" "" text "${stripped}")
            elseif(NOT text STREQUAL "")
                string(APPEND text " ${stripped}")
            else()
                set(kind "p")
                set(text "${stripped}")
            endif()
        endforeach()
    endif()
    set(${out_date} "${date}" PARENT_SCOPE)
    set(${out_blocks} "${blocks}" PARENT_SCOPE)
endfunction()

# A block's text from pt_changelog_section() with ';', '[' and ']' restored.
function(pt_changelog_decode text out)
    _pt_changelog_markers()
    string(REPLACE "${semi}" ";" text "${text}")
    string(REPLACE "${open}" "[" text "${text}")
    string(REPLACE "${close}" "]" text "${text}")
    set(${out} "${text}" PARENT_SCOPE)
endfunction()
