# MCP client configuration: where each AI application keeps its MCP config and how FinAgent's
# entry is merged into it (finagent config install, the Connect page).
target_sources(finagent_server PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/clientconfig.h
    ${CMAKE_CURRENT_LIST_DIR}/clientconfig.cpp
    ${CMAKE_CURRENT_LIST_DIR}/clientpaths.h
    ${CMAKE_CURRENT_LIST_DIR}/clientpaths.cpp
    ${CMAKE_CURRENT_LIST_DIR}/jsonconfigtext.h
    ${CMAKE_CURRENT_LIST_DIR}/jsonconfigtext.cpp
    ${CMAKE_CURRENT_LIST_DIR}/safeconfigfile.h
    ${CMAKE_CURRENT_LIST_DIR}/safeconfigfile.cpp
    ${CMAKE_CURRENT_LIST_DIR}/clientconfigwriter.h
    ${CMAKE_CURRENT_LIST_DIR}/clientconfigwriter.cpp
)
