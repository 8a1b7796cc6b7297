target_sources(finagent_server PRIVATE ${CMAKE_CURRENT_LIST_DIR}/schemavalidator.h ${CMAKE_CURRENT_LIST_DIR}/schemavalidator.cpp)
