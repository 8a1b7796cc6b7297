# Indicators, candlestick patterns and the technical-analysis summary: pure maths, no network.
target_sources(finagent_server PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/candle.h
    ${CMAKE_CURRENT_LIST_DIR}/indicators.h
    ${CMAKE_CURRENT_LIST_DIR}/indicators.cpp
    ${CMAKE_CURRENT_LIST_DIR}/candlepatterns.h
    ${CMAKE_CURRENT_LIST_DIR}/candlepatterns.cpp
    ${CMAKE_CURRENT_LIST_DIR}/technicalanalysis.h
    ${CMAKE_CURRENT_LIST_DIR}/technicalanalysis.cpp
)
