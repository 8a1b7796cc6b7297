#include "desktopapp.h"

#include "cli/signalwatcher.h"
#include "cli/verbs.h"
#include "config/settings.h"
#include "core/buildinfo.h"
#include "desktopshell.h"
#include "mainwindow.h"
#include "pages/accountspage.h"
#include "pages/balancespage.h"
#include "pages/connectpage.h"
#include "pages/invoicespage.h"
#include "pages/overviewpage.h"
#include "pages/pricespage.h"
#include "pages/settingspage.h"
#include "singleinstance.h"
#include "theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QTranslator>

Q_LOGGING_CATEGORY(lcApp, "finagent.app")

namespace
{

const char* kGuiHelp = "Usage: finagent [options]\n\n"
                       "Starts the FinAgent desktop app: a tray icon and a window; serves MCP on\n"
                       "http://127.0.0.1:<port>/mcp for the AI assistants on this computer. A second\n"
                       "launch brings the running window to the front.\n\n"
                       "Options:\n"
                       "  --minimized               start with only the tray icon (used by start on login)\n"
                       "  --set key=value           any setting for this run (see `finagent --help`)\n"
                       "  --log-format text|json    log line format on stderr\n";

// The window's language: ui.language, or the system's. Qt's own strings (dialog buttons) follow.
void installTranslations(QApplication& app, const Settings& settings)
{
    const QString language = settings.string(QStringLiteral("ui.language"));
    QLocale locale = QLocale::system();
    if (language == QLatin1String("en"))
        locale = QLocale(QLocale::English, QLocale::UnitedStates);
    else if (language != QLatin1String("system") && !language.isEmpty())
        locale = QLocale(language);
    QLocale::setDefault(locale);

    auto* ours = new QTranslator(&app);
    if (ours->load(locale, QStringLiteral("finagent"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(ours);
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    qCDebug(lcApp).noquote() << "language" << locale.name() << "(setting:" << language << ")";
}

} // namespace

namespace DesktopApp
{

void addPages(DesktopShell& shell)
{
    MainWindow& window = shell.window();
    UiContext& context = shell.context();

    window.addPage(new OverviewPage(context));
    window.addPage(new ConnectPage(context));
    window.addPage(new PricesPage(context));
    window.addPage(new InvoicesPage(context));
    window.addPage(new BalancesPage(context));
    window.addPage(new AccountsPage(context));

    auto* settings = new SettingsPage(context);
    settings->setAutostart(&shell.autostart());
    window.addPage(settings);
}

int run(int argc, char** argv)
{
    QGuiApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("FinAgent"));
    QApplication::setOrganizationName(QStringLiteral("FinAgent"));
    QApplication::setApplicationDisplayName(QStringLiteral("FinAgent"));
    QApplication::setApplicationVersion(QStringLiteral(FINAGENT_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.finagent.FinAgent"));
    QApplication::setWindowIcon(Theme::appIcon());

    QCommandLineParser parser;
    Verbs::addCommonOptions(parser);
    parser.addOption(QCommandLineOption(QStringLiteral("minimized")));
    parser.addPositionalArgument(QStringLiteral("gui"), QString());
    if (!Verbs::parse(parser, QApplication::arguments().mid(1), QStringLiteral("gui")))
        return 2;
    if (parser.isSet(QStringLiteral("help"))) {
        Verbs::out() << QString::fromUtf8(kGuiHelp);
        Verbs::out().flush();
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (!(positional.isEmpty() || positional == QStringList {QStringLiteral("gui")})) {
        Verbs::err() << QStringLiteral("finagent: unexpected argument \"%1\". Run `finagent --help`.\n")
                            .arg(positional.constLast());
        Verbs::err().flush();
        return 2;
    }

    Settings settings;
    if (!Verbs::applyCommonOptions(parser, settings))
        return 2;

    SingleInstance instance(SingleInstance::nameFor(settings.configDir()));
    if (!instance.acquire()) {
        qCInfo(lcApp).noquote() << instance.errorString() << "Asking it to show its window.";
        int code = 0;
        instance.sendMessage(QByteArrayLiteral("show"), &app, [&code](bool delivered) {
            if (!delivered) {
                Verbs::err() << QStringLiteral(
                    "finagent: another FinAgent holds the lock but does not answer. If it "
                    "hangs, end it and start FinAgent again.\n");
                Verbs::err().flush();
                code = 1;
            }
            QCoreApplication::quit();
        });
        QApplication::exec();
        return code;
    }

    installTranslations(app, settings);

    DesktopShell::Options options;
    options.startMinimized = parser.isSet(QStringLiteral("minimized"));
    DesktopShell shell(settings, options);
    QObject::connect(
        &instance, &SingleInstance::messageReceived, &shell, [&shell](const QByteArray& message) {
            if (message == "show")
                shell.showWindow();
        });
    // SIGTERM/SIGINT (logout, `kill`, Ctrl+C in a terminal) quit as the tray's Quit does.
    SignalWatcher signalWatcher;
    QObject::connect(
        &signalWatcher, &SignalWatcher::terminationRequested, &shell, [&shell](int signalNumber) {
            qCInfo(lcApp) << "signal" << signalNumber << "received: quitting";
            shell.quit();
        });
    shell.start();
    return QApplication::exec();
}

} // namespace DesktopApp
