target_sources(finagent_server PRIVATE ${CMAKE_CURRENT_LIST_DIR}/decimal.h ${CMAKE_CURRENT_LIST_DIR}/decimal.cpp)
