#pragma once

#include <QString>

#include <optional>

// Opaque list cursors: base64url of "o:<offset>", so clients cannot depend on their form.
namespace Pagination
{
QString encode(int offset);
std::optional<int> decode(const QString& cursor);
} // namespace Pagination
