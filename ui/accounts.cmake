# The Accounts & keys page: payment provider and CoinRemitter wallets, the CoinGecko key and tier,
# the remote FinAgent; every key in the keychain through the SecretStore.
target_sources(finagent_ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/pages/accountspage.h ${CMAKE_CURRENT_LIST_DIR}/pages/accountspage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pages/paymentspanel.h ${CMAKE_CURRENT_LIST_DIR}/pages/paymentspanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pages/walleteditor.h ${CMAKE_CURRENT_LIST_DIR}/pages/walleteditor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pages/marketkeyspanel.h ${CMAKE_CURRENT_LIST_DIR}/pages/marketkeyspanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pages/remotepanel.h ${CMAKE_CURRENT_LIST_DIR}/pages/remotepanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pages/secretentry.h ${CMAKE_CURRENT_LIST_DIR}/pages/secretentry.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pages/settingsource.h ${CMAKE_CURRENT_LIST_DIR}/pages/settingsource.cpp
)
