# The Invoices page: a filterable table of invoices, a detail pane with the payment's QR code, the
# New invoice dialog, CSV export, and desktop notifications of status changes. QR codes come from
# libqrencode (scripts/deps.sh installs libqrencode-dev; it is a required dependency).
find_package(PkgConfig REQUIRED)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)

target_sources(finagent_ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/pages/invoicespage.h ${CMAKE_CURRENT_LIST_DIR}/pages/invoicespage.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pages/invoicetablemodel.h ${CMAKE_CURRENT_LIST_DIR}/pages/invoicetablemodel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pages/invoicedetailpane.h ${CMAKE_CURRENT_LIST_DIR}/pages/invoicedetailpane.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pages/newinvoicedialog.h ${CMAKE_CURRENT_LIST_DIR}/pages/newinvoicedialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pages/invoicecsv.h ${CMAKE_CURRENT_LIST_DIR}/pages/invoicecsv.cpp
    ${CMAKE_CURRENT_LIST_DIR}/widgets/qrcodewidget.h ${CMAKE_CURRENT_LIST_DIR}/widgets/qrcodewidget.cpp
    ${CMAKE_CURRENT_LIST_DIR}/invoicenotifications.h ${CMAKE_CURRENT_LIST_DIR}/invoicenotifications.cpp
)
target_link_libraries(finagent_ui PRIVATE PkgConfig::QRENCODE)
