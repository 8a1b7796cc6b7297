# The Balances page: a card per wallet from check_balance, refreshed while visible.
target_sources(finagent_ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/pages/balancespage.h ${CMAKE_CURRENT_LIST_DIR}/pages/balancespage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pages/balancecard.h ${CMAKE_CURRENT_LIST_DIR}/pages/balancecard.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pages/balancefeed.h ${CMAKE_CURRENT_LIST_DIR}/pages/balancefeed.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pages/modestatus.h ${CMAKE_CURRENT_LIST_DIR}/pages/modestatus.cpp
)
