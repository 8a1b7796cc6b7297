# One INTERFACE target carries every compile setting; each FinAgent target links it.
add_library(finagent_settings INTERFACE)
add_library(FinAgent::settings ALIAS finagent_settings)

target_compile_features(finagent_settings INTERFACE cxx_std_17)

target_compile_definitions(finagent_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    $<$<NOT:$<CONFIG:Debug>>:QT_NO_DEBUG_OUTPUT>
)

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(finagent_settings INTERFACE
        -Wall -Wextra -Wpedantic
        -Wcast-qual -Wcast-align -Wold-style-cast -Woverloaded-virtual
        -Wnon-virtual-dtor -Wshadow=local -Wformat=2 -Werror=format-security
        -Wimplicit-fallthrough -Wundef
        -fstack-protector-strong
        -fvisibility=hidden -fvisibility-inlines-hidden
        $<$<NOT:$<CONFIG:Debug>>:-D_FORTIFY_SOURCE=2>
        -D_GLIBCXX_ASSERTIONS
    )
    if(NOT APPLE)
        target_link_options(finagent_settings INTERFACE -Wl,-z,relro,-z,now -Wl,--as-needed)
    endif()
    if(FINAGENT_WERROR)
        target_compile_options(finagent_settings INTERFACE -Werror)
    endif()
    if(FINAGENT_SANITIZE)
        target_compile_options(finagent_settings INTERFACE
            -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
        target_link_options(finagent_settings INTERFACE -fsanitize=address,undefined)
    endif()
elseif(MSVC)
    target_compile_options(finagent_settings INTERFACE /W4 /permissive- /utf-8 /Zc:__cplusplus /guard:cf)
    target_link_options(finagent_settings INTERFACE /guard:cf)
    if(FINAGENT_WERROR)
        target_compile_options(finagent_settings INTERFACE /WX)
    endif()
endif()

set(CMAKE_POSITION_INDEPENDENT_CODE ON)
