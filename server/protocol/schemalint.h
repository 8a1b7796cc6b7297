#pragma once

#include "protocol/schemacompiler.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QLatin1String>
#include <QString>
#include <QStringList>

namespace Schema
{

// Finds what is wrong with a schema itself: unknown or misspelt keywords, keyword values of the
// wrong shape, constraints no value can meet, defaults and examples their own schema rejects.
class SchemaLint
{
public:
    explicit SchemaLint(const QJsonObject& root);

    // Checks `node`, found at `where` ("#/properties/amount"), and every subschema in it.
    void check(const QJsonValue& node, const QString& where, int depth);

    // Each problem starts with its schema location ("#/properties/amount: ...").
    QStringList problems() const { return m_problems; }

private:
    void add(const QString& where, const QString& text) { m_problems << where % QLatin1String(": ") % text; }
    void checkSchemaArray(const QJsonValue& v, const QString& where, const QString& keyword, int depth);
    void checkSubschema(const QJsonObject& s, QLatin1String keyword, const QString& where, int depth);
    void checkSchemaMap(const QJsonObject& s, QLatin1String keyword, const QString& where, int depth);
    void checkCount(const QJsonObject& s, const QString& where, QLatin1String keyword);
    void checkKeywordNames(const QJsonObject& s, const QString& where);
    unsigned checkType(const QJsonObject& s, const QString& where);
    void checkApplicable(const QJsonObject& s, const QString& where, unsigned mask);
    void checkObjectKeywords(const QJsonObject& s, const QString& where, int depth);
    void checkDependentRequired(const QJsonObject& s, const QString& where);
    void checkEnum(const QJsonObject& s, const QString& where, unsigned mask);
    void checkNumberKeywords(const QJsonObject& s, const QString& where);
    void checkCounts(const QJsonObject& s, const QString& where);
    void checkPattern(const QJsonObject& s, const QString& where);
    void checkArrayKeywords(const QJsonObject& s, const QString& where, int depth);
    void checkApplicators(const QJsonObject& s, const QString& where, int depth);
    void checkAnnotations(const QJsonObject& s, const QString& where);
    void checkReferences(const QJsonObject& s, const QString& where, int depth);
    void checkAgainstSelf(const QJsonObject& s, const QJsonValue& node, const QString& where);

    const QJsonObject& m_root;
    const QStringList m_keywords;
    CompiledSchema m_compiled; // for checking defaults and examples
    QHash<QString, QString> m_anchors; // "$anchor" name -> where it is defined
    QStringList m_problems;
};

} // namespace Schema
