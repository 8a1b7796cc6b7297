#pragma once

#include "protocol/schemavalidator.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVarLengthArray>

// Where validation is in the instance, and where its messages go.
namespace Schema
{

struct Segment
{
    const QString* key = nullptr; // owned by whoever pushed it, which outlives the segment
    qsizetype index = -1; // >= 0: an array index
};

struct Context
{
    explicit Context(const QJsonObject& r)
        : root(r)
    { }

    const QJsonObject& root;
    QList<SchemaViolation>* out = nullptr; // null: only find out whether the instance is valid
    QVarLengthArray<Segment, 16> path;
    int depth = 0;
};

// Steps into a property or an array item for as long as it lives.
class PathGuard
{
public:
    PathGuard(Context& ctx, const QString& key)
        : m_ctx(ctx)
    {
        m_ctx.path.append(Segment {&key, -1});
    }
    PathGuard(Context& ctx, qsizetype index)
        : m_ctx(ctx)
    {
        m_ctx.path.append(Segment {nullptr, index});
    }
    ~PathGuard() { m_ctx.path.removeLast(); }
    PathGuard(const PathGuard&) = delete;
    PathGuard& operator=(const PathGuard&) = delete;

private:
    Context& m_ctx;
};

class DepthGuard
{
public:
    explicit DepthGuard(Context& ctx)
        : m_ctx(ctx)
    {
        ++m_ctx.depth;
    }
    ~DepthGuard() { --m_ctx.depth; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

private:
    Context& m_ctx;
};

// The JSON pointer of the current position: "/items/2/amount", "" for the root.
QString pointerOf(const Context& ctx);

// The current position as people read it: "items[2].amount"; "value" for the root.
QString fieldOf(const Context& ctx);

// Adds a violation at the current position.
void report(Context& ctx, const QString& message);

// Reports "<field>: <text>".
void reportField(Context& ctx, const QString& text);

} // namespace Schema
