# The Prices page: watchlist table with sparklines, candlestick chart with indicator overlays.
target_sources(finagent_ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/pages/pricespage.h ${CMAKE_CURRENT_LIST_DIR}/pages/pricespage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pages/watchlistmodel.h ${CMAKE_CURRENT_LIST_DIR}/pages/watchlistmodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pages/pricefeed.h ${CMAKE_CURRENT_LIST_DIR}/pages/pricefeed.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pages/pricechartpanel.h ${CMAKE_CURRENT_LIST_DIR}/pages/pricechartpanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pages/chartoverlays.h ${CMAKE_CURRENT_LIST_DIR}/pages/chartoverlays.cpp
    ${CMAKE_CURRENT_LIST_DIR}/widgets/priceformat.h ${CMAKE_CURRENT_LIST_DIR}/widgets/priceformat.cpp
    ${CMAKE_CURRENT_LIST_DIR}/widgets/chartoverlay.h
    ${CMAKE_CURRENT_LIST_DIR}/widgets/chartaxis.h ${CMAKE_CURRENT_LIST_DIR}/widgets/chartaxis.cpp
    ${CMAKE_CURRENT_LIST_DIR}/widgets/candlestickchart.h ${CMAKE_CURRENT_LIST_DIR}/widgets/candlestickchart.cpp
    ${CMAKE_CURRENT_LIST_DIR}/widgets/candlestickpainter.h ${CMAKE_CURRENT_LIST_DIR}/widgets/candlestickpainter.cpp
    ${CMAKE_CURRENT_LIST_DIR}/widgets/sparkline.h ${CMAKE_CURRENT_LIST_DIR}/widgets/sparkline.cpp
    ${CMAKE_CURRENT_LIST_DIR}/widgets/sparklinedelegate.h ${CMAKE_CURRENT_LIST_DIR}/widgets/sparklinedelegate.cpp
    ${CMAKE_CURRENT_LIST_DIR}/widgets/intervalselector.h ${CMAKE_CURRENT_LIST_DIR}/widgets/intervalselector.cpp
)
