#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// A small, bounded reader of multipart/form-data bodies (RFC 7578), for webhooks: text fields
// only (parts with a filename are skipped), and every size is capped before anything is copied,
// so a hostile body costs little. Garbage is an error, never a crash.
namespace MultipartForm
{

struct Limits
{
    qsizetype maxBodyBytes = 256 * 1024;
    int maxFields = 200;
    qsizetype maxFieldBytes = 16 * 1024;
    qsizetype maxHeaderBytes = 1024; // of one part's headers
};

using Fields = QList<QPair<QString, QString>>;

// The boundary parameter of "multipart/form-data; boundary=...", quoted or not; empty when the
// content type is not multipart/form-data or the boundary is malformed (1 to 70 characters).
QByteArray boundaryOf(const QByteArray& contentType);

// The fields in order. Errors (code "invalid_multipart") say what was wrong.
Result<Fields> parse(const QByteArray& body, const QByteArray& contentType, const Limits& limits = {});

// The first value of `name`, or a null QString.
QString value(const Fields& fields, const QString& name);

} // namespace MultipartForm
