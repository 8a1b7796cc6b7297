#pragma once

#include <QByteArray>

// Reason phrases for the status codes FinAgent answers with.
namespace HttpStatus
{
QByteArray reason(int status);
// "HTTP/1.1 <status> <reason>\r\n"
QByteArray statusLine(int status);
} // namespace HttpStatus
