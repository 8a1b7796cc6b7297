#include "protocol/schemavalidator.h"

#include "protocol/schemacompiler.h"
#include "protocol/schemacontext.h"
#include "protocol/schemadefaults.h"
#include "protocol/schemaevaluator.h"
#include "protocol/schemalint.h"
#include "protocol/schemamessages.h"

#include <QMutex>

#include <algorithm>
#include <memory>
#include <vector>

namespace
{

constexpr size_t kSchemaCacheLimit = 64;

// Compiled schemas for the schemas seen most recently. Lookup compares QJsonObjects, which is a
// pointer comparison when the caller passes the same (implicitly shared) schema each time and a
// content comparison otherwise, so a hit always has the same content.
std::shared_ptr<const Schema::CompiledSchema> compiledSchema(const QJsonObject& schema)
{
    static QMutex mutex;
    static std::vector<std::shared_ptr<const Schema::CompiledSchema>> cache; // most recently used last
    {
        QMutexLocker lock(&mutex);
        for (auto it = cache.rbegin(); it != cache.rend(); ++it) {
            if ((*it)->root() == schema) {
                std::shared_ptr<const Schema::CompiledSchema> found = *it;
                std::rotate(it.base() - 1, it.base(), cache.end());
                return found;
            }
        }
    }
    std::shared_ptr<const Schema::CompiledSchema> compiled =
        std::make_shared<const Schema::CompiledSchema>(schema);
    QMutexLocker lock(&mutex);
    if (cache.size() >= kSchemaCacheLimit)
        cache.erase(cache.begin());
    cache.push_back(compiled);
    return compiled;
}

} // namespace

QList<SchemaViolation> SchemaValidator::validate(const QJsonValue& instance, const QJsonObject& schema)
{
    const std::shared_ptr<const Schema::CompiledSchema> compiled = compiledSchema(schema);
    QList<SchemaViolation> violations;
    Schema::Context ctx(compiled->root());
    ctx.out = &violations;
    Schema::validateNode(instance, *compiled->top(), ctx);
    return violations;
}

QJsonValue SchemaValidator::applyDefaults(const QJsonValue& instance, const QJsonObject& schema)
{
    QJsonValue result = instance;
    Schema::fillDefaults(result, *compiledSchema(schema)->top(), 0);
    return result;
}

QString SchemaValidator::describe(const QList<SchemaViolation>& violations)
{
    return Schema::describeViolations(violations);
}

QStringList SchemaValidator::checkSchema(const QJsonObject& schema)
{
    Schema::SchemaLint lint(schema);
    lint.check(schema, QStringLiteral("#"), 0);
    return lint.problems();
}
