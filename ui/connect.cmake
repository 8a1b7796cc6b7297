target_sources(finagent_ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/pages/connectpage.h ${CMAKE_CURRENT_LIST_DIR}/pages/connectpage.cpp
)
