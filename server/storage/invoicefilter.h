#pragma once

#include "storage/invoicerecord.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// What InvoiceRepository::list() returns; newest first.
struct InvoiceFilter
{
    static constexpr int kDefaultLimit = 50;
    static constexpr int kMaxLimit = 200;

    QStringList statuses; // empty: any status
    QString network; // empty: any network
    std::optional<qint64> createdFrom; // inclusive, ms since epoch
    std::optional<qint64> createdTo; // exclusive, ms since epoch
    int limit = kDefaultLimit; // 1..200; larger values are clamped to 200
    QString cursor; // nextCursor of the previous page; empty for the first page
};

struct InvoicePage
{
    QList<InvoiceRecord> items;
    QString nextCursor; // empty on the last page
    int total = 0; // rows matching the filter, across all pages
};
