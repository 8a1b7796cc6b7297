#include "protocol/tooldefinition.h"

QJsonObject ToolAnnotations::toJson() const
{
    QJsonObject o;
    if (!title.isEmpty())
        o.insert(QStringLiteral("title"), title);
    if (readOnly)
        o.insert(QStringLiteral("readOnlyHint"), *readOnly);
    if (destructive)
        o.insert(QStringLiteral("destructiveHint"), *destructive);
    if (idempotent)
        o.insert(QStringLiteral("idempotentHint"), *idempotent);
    if (openWorld)
        o.insert(QStringLiteral("openWorldHint"), *openWorld);
    return o;
}

ToolAnnotations ToolAnnotations::readOnlyOpenWorld()
{
    ToolAnnotations a;
    a.readOnly = true;
    a.destructive = false;
    a.idempotent = true;
    a.openWorld = true;
    return a;
}

QJsonObject ToolDefinition::toJson(bool withOutputSchema, bool withAnnotations) const
{
    QJsonObject o {{QStringLiteral("name"), name}, {QStringLiteral("inputSchema"), inputSchema}};
    if (!title.isEmpty())
        o.insert(QStringLiteral("title"), title);
    if (!description.isEmpty())
        o.insert(QStringLiteral("description"), description);
    if (withOutputSchema && !outputSchema.isEmpty())
        o.insert(QStringLiteral("outputSchema"), outputSchema);
    if (withAnnotations) {
        const QJsonObject a = annotations.toJson();
        if (!a.isEmpty())
            o.insert(QStringLiteral("annotations"), a);
    }
    return o;
}
