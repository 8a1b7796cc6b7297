#include "cli/verbs.h"

#include "security/envsecretstore.h"
#include "security/keychainsecretstore.h"
#include "security/secretscommand.h"

#include <QCoreApplication>
#include <QFile>

namespace Verbs {

int secrets(const QStringList& args)
{
    if (args.contains(QLatin1String("--help")) || args.contains(QLatin1String("-h")) || args.isEmpty()) {
        out() << SecretsCommand::usage();
        out().flush();
        return args.isEmpty() ? 2 : 0;
    }
    QStringList rest = args;
    const bool useEnv = rest.removeAll(QStringLiteral("--env")) > 0;
    std::unique_ptr<SecretStore> store;
    if (useEnv)
        store = std::make_unique<EnvSecretStore>();
    else
        store = std::make_unique<KeychainSecretStore>(QStringLiteral("FinAgent"));

    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        err() << QStringLiteral("finagent secrets: cannot read standard input\n");
        err().flush();
        return 1;
    }
    SecretsCommand command(*store, &in, out(), err());
    QObject::connect(&command, &SecretsCommand::finished, QCoreApplication::instance(), [](int code) {
        out().flush();
        err().flush();
        QCoreApplication::exit(code);
    });
    command.start(rest);
    return QCoreApplication::exec();
}

} // namespace Verbs
