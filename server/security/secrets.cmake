# Secrets: keychain (desktop, stdio) and environment (serve) stores, canonical names, the
# `finagent secrets` command logic.
target_sources(finagent_server PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/secretstore.h
    ${CMAKE_CURRENT_LIST_DIR}/secretstore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/secretnames.h
    ${CMAKE_CURRENT_LIST_DIR}/secretnames.cpp
    ${CMAKE_CURRENT_LIST_DIR}/keychainsecretstore.h
    ${CMAKE_CURRENT_LIST_DIR}/keychainsecretstore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/envsecretstore.h
    ${CMAKE_CURRENT_LIST_DIR}/envsecretstore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/secretscommand.h
    ${CMAKE_CURRENT_LIST_DIR}/secretscommand.cpp
)
