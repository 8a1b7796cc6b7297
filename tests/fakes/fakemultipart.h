#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// multipart/form-data as web frameworks send and read it: text fields only, no files.
namespace FakeMultipart
{

using Fields = QList<QPair<QString, QString>>;

// The body for `fields` separated by `boundary`.
QByteArray build(const Fields& fields, const QByteArray& boundary);

// The boundary parameter of a "multipart/form-data; boundary=..." content type, or empty.
QByteArray boundaryOf(const QByteArray& contentType);

// Fields of a multipart body, in order. Empty when the body does not parse.
Fields parse(const QByteArray& body, const QByteArray& contentType);

// First value of `name` in `fields`, or a null QString.
QString value(const Fields& fields, const QString& name);

} // namespace FakeMultipart
