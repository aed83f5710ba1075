# The providers of market data, their response parsers and the bar validator,
# for the pt_marketdata target (src/core/CMakeLists.txt includes this file).
# Absolute paths, so the folder of the including file does not matter.
set(PT_PROVIDER_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/jsonsupport.cpp ${CMAKE_CURRENT_LIST_DIR}/jsonsupport.h
    ${CMAKE_CURRENT_LIST_DIR}/barvalidator.cpp ${CMAKE_CURRENT_LIST_DIR}/barvalidator.h
    ${CMAKE_CURRENT_LIST_DIR}/yahooparser.cpp ${CMAKE_CURRENT_LIST_DIR}/yahooparser.h
    ${CMAKE_CURRENT_LIST_DIR}/coingeckoparser.cpp ${CMAKE_CURRENT_LIST_DIR}/coingeckoparser.h
    ${CMAKE_CURRENT_LIST_DIR}/binanceparser.cpp ${CMAKE_CURRENT_LIST_DIR}/binanceparser.h
    ${CMAKE_CURRENT_LIST_DIR}/ecbparser.cpp ${CMAKE_CURRENT_LIST_DIR}/ecbparser.h
    ${CMAKE_CURRENT_LIST_DIR}/providersupport.cpp ${CMAKE_CURRENT_LIST_DIR}/providersupport.h
    ${CMAKE_CURRENT_LIST_DIR}/yahooprovider.cpp ${CMAKE_CURRENT_LIST_DIR}/yahooprovider.h
    ${CMAKE_CURRENT_LIST_DIR}/coingeckoprovider.cpp ${CMAKE_CURRENT_LIST_DIR}/coingeckoprovider.h
    ${CMAKE_CURRENT_LIST_DIR}/binanceprovider.cpp ${CMAKE_CURRENT_LIST_DIR}/binanceprovider.h
    ${CMAKE_CURRENT_LIST_DIR}/ecbprovider.cpp ${CMAKE_CURRENT_LIST_DIR}/ecbprovider.h
    ${CMAKE_CURRENT_LIST_DIR}/providerregistry.cpp ${CMAKE_CURRENT_LIST_DIR}/providerregistry.h
    ${CMAKE_CURRENT_LIST_DIR}/endpoints.cpp)
