// The files the installers ship, as the build makes them: the desktop entry, the AppStream
// metainfo, the PNG icons rendered from the SVG, and the man page written from the help texts.
#include "testenv.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace
{

const QString appId = QStringLiteral("io.github.finagent.FinAgent");

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs a program to its end (60 s at most), keeping the event loop running meanwhile.
Run run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    Run r;
    const bool finished = QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 60000);
    if (!finished || p.exitStatus() != QProcess::NormalExit) {
        p.kill();
        if (!QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 5000))
            r.err = "could not be stopped: ";
        r.err += "did not finish: " + program.toUtf8();
        return r;
    }
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// "Key=value" lines of the [Desktop Entry] group.
QHash<QString, QString> desktopKeys(const QByteArray& content)
{
    QHash<QString, QString> keys;
    bool inGroup = false;
    for (const QByteArray& raw : content.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.startsWith(QLatin1Char('['))) {
            inGroup = line == QLatin1String("[Desktop Entry]");
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (inGroup && eq > 0)
            keys.insert(line.left(eq), line.mid(eq + 1));
    }
    return keys;
}

// The verbs `finagent --help` lists under "Usage:".
QStringList verbsOfHelp(const QString& help)
{
    QStringList verbs;
    bool inUsage = false;
    static const QRegularExpression verbLine(QStringLiteral("^  finagent ([a-z][a-z0-9-]*)"));
    for (const QString& line : help.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("Usage:"))) {
            inUsage = true;
            continue;
        }
        if (inUsage && line.isEmpty())
            break;
        const QRegularExpressionMatch m = verbLine.match(line);
        if (inUsage && m.hasMatch() && !verbs.contains(m.captured(1)))
            verbs << m.captured(1);
    }
    return verbs;
}

} // namespace

class TestPackageFiles : public QObject
{
    Q_OBJECT

private:
    QString generated(const QString& name) const { return m_build + QStringLiteral("/installer/") + name; }
    QString makeManpage() const { return m_source + QStringLiteral("/installer/man/make-manpage.sh"); }

    QString m_build;
    QString m_source;

private Q_SLOTS:
    void initTestCase()
    {
        m_build = qEnvironmentVariable("FINAGENT_TEST_BINARY_DIR");
        m_source = qEnvironmentVariable("FINAGENT_TEST_SOURCE_DIR");
        QVERIFY2(!m_build.isEmpty() && !m_source.isEmpty(), "run through ctest (FINAGENT_TEST_*_DIR unset)");
        QVERIFY2(QFileInfo::exists(generated(appId + QStringLiteral(".desktop"))),
            "build the installer files first");
    }

    void desktopEntry()
    {
        const QHash<QString, QString> keys =
            desktopKeys(readWholeFile(generated(appId + QStringLiteral(".desktop"))));
        QCOMPARE(keys.value(QStringLiteral("Type")), QStringLiteral("Application"));
        QCOMPARE(keys.value(QStringLiteral("Name")), QStringLiteral("FinAgent"));
        QCOMPARE(keys.value(QStringLiteral("Exec")), QStringLiteral("finagent"));
        QCOMPARE(keys.value(QStringLiteral("TryExec")), QStringLiteral("finagent"));
        QCOMPARE(keys.value(QStringLiteral("Icon")), appId);
        QCOMPARE(keys.value(QStringLiteral("Terminal")), QStringLiteral("false"));
        // The window's WM_CLASS class is the application name the desktop app sets.
        QCOMPARE(keys.value(QStringLiteral("StartupWMClass")), QStringLiteral("FinAgent"));
        const QStringList categories =
            keys.value(QStringLiteral("Categories")).split(QLatin1Char(';'), Qt::SkipEmptyParts);
        QVERIFY(categories.contains(QStringLiteral("Office")));
        QVERIFY(categories.contains(QStringLiteral("Finance")));
        QVERIFY(
            keys.value(QStringLiteral("Keywords")).split(QLatin1Char(';'), Qt::SkipEmptyParts).size() >= 5);
        QVERIFY(!keys.value(QStringLiteral("Comment")).isEmpty());
    }

    void desktopEntryValidates()
    {
        const QString tool = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
        if (tool.isEmpty())
            QSKIP("desktop-file-validate is not installed (desktop-file-utils)");
        const Run r = run(tool, {generated(appId + QStringLiteral(".desktop"))});
        QVERIFY2(r.exitCode == 0 && r.out.isEmpty(), QByteArray(r.out + r.err).constData());
    }

    void metainfo()
    {
        QFile file(generated(appId + QStringLiteral(".metainfo.xml")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        QHash<QString, QString> text; // element path -> text of the first such element
        QStringList screenshots;
        QString releaseVersion;
        QString releaseDate;
        QStringList path;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement()) {
                path << xml.name().toString();
                if (xml.name() == QLatin1String("release") && releaseVersion.isEmpty()) {
                    releaseVersion = xml.attributes().value(QStringLiteral("version")).toString();
                    releaseDate = xml.attributes().value(QStringLiteral("date")).toString();
                }
                if (xml.name() == QLatin1String("image"))
                    screenshots << xml.readElementText().trimmed();
            }
            if (xml.isCharacters() && !xml.isWhitespace() && !text.contains(path.join(QLatin1Char('/'))))
                text.insert(path.join(QLatin1Char('/')), xml.text().toString().trimmed());
            if (xml.isEndElement())
                path.removeLast();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(text.value(QStringLiteral("component/id")), appId);
        QCOMPARE(text.value(QStringLiteral("component/launchable")), appId + QStringLiteral(".desktop"));
        QCOMPARE(text.value(QStringLiteral("component/provides/binary")), QStringLiteral("finagent"));
        QCOMPARE(text.value(QStringLiteral("component/project_license")), QStringLiteral("MIT"));
        QVERIFY(text.value(QStringLiteral("component/url")).startsWith(QLatin1String("https://")));
        QCOMPARE(releaseVersion, QStringLiteral(FINAGENT_TEST_VERSION));
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$")).match(releaseDate).hasMatch(),
            qPrintable(releaseDate));
        QVERIFY(!screenshots.isEmpty());
        for (const QString& url : screenshots)
            QVERIFY2(url.startsWith(QLatin1String("https://raw.githubusercontent.com/"))
                    && url.endsWith(QLatin1String(".png")),
                qPrintable(url));
    }

    void metainfoValidates()
    {
        const QString tool = QStandardPaths::findExecutable(QStringLiteral("appstreamcli"));
        if (tool.isEmpty())
            QSKIP("appstreamcli is not installed (appstream)");
        const Run r = run(tool,
            {QStringLiteral("validate"), QStringLiteral("--no-net"),
                generated(appId + QStringLiteral(".metainfo.xml"))});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    }

    void icons_data()
    {
        QTest::addColumn<int>("size");
        for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512})
            QTest::addRow("%dx%d", size, size) << size;
    }

    void icons()
    {
        QFETCH(int, size);
        const QImage image(generated(QStringLiteral("icons/%1-%2.png").arg(appId).arg(size)));
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), QSize(size, size));
        QVERIFY(image.hasAlphaChannel());
        // The rounded tile: its centre is painted, its corner is transparent.
        QCOMPARE(qAlpha(image.pixel(size / 2, size / 2)), 255);
        QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
    }

    void manPageCoversEveryVerb()
    {
        QTemporaryDir dir;
        const QString page = dir.filePath(QStringLiteral("finagent.1"));
        const Run gen = run(QStringLiteral("sh"),
            {makeManpage(), finagentBinary(), QStringLiteral("2026-01-02"),
                QStringLiteral("https://example.org/finagent"), page});
        QVERIFY2(gen.exitCode == 0, gen.err.constData());
        const QString roff = QString::fromUtf8(readWholeFile(page));

        QVERIFY(roff.contains(QStringLiteral(".TH FINAGENT 1 \"2026-01-02\" \"FinAgent %1\"")
                                  .arg(QStringLiteral(FINAGENT_TEST_VERSION))));
        QVERIFY(roff.contains(QStringLiteral(".SH NAME\nfinagent \\- ")));
        QVERIFY(roff.contains(QStringLiteral(".SH SYNOPSIS\n")));
        QVERIFY(roff.contains(QStringLiteral(".SH FILES\n")));

        const Run help = run(finagentBinary(), {QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        const QStringList verbs = verbsOfHelp(QString::fromUtf8(help.out));
        QVERIFY2(verbs.contains(QStringLiteral("stdio")) && verbs.contains(QStringLiteral("serve")),
            qPrintable(verbs.join(QLatin1Char(' '))));
        for (const QString& verb : verbs)
            QVERIFY2(roff.contains(QStringLiteral(".SS \"finagent %1\"\n").arg(verb)), qPrintable(verb));
        // Every option row of every verb's help ("  --port <port>    port ...", also nested under
        // an action) is an item of its own in the page, not run into the text before it.
        static const QRegularExpression optionRow(
            QStringLiteral("^ +(--[a-z-]+)(?: \\S+)? {2,}\\S"), QRegularExpression::MultilineOption);
        int options = 0;
        for (const QString& verb : verbs) {
            const Run verbHelp = run(finagentBinary(), {verb, QStringLiteral("--help")});
            QCOMPARE(verbHelp.exitCode, 0);
            auto it = optionRow.globalMatch(QString::fromUtf8(verbHelp.out));
            while (it.hasNext()) {
                const QString name = it.next().captured(1);
                const QString item =
                    QStringLiteral("\n\\fB") + QString(name).replace(QLatin1Char('-'), QStringLiteral("\\-"));
                QVERIFY2(roff.contains(item), qPrintable(verb + QLatin1Char(' ') + name));
                ++options;
            }
        }
        QVERIFY(options >= 10);
        // No build machine path leaks into the page.
        QVERIFY(
            !roff.contains(QDir::homePath() + QLatin1Char('/')) || QDir::homePath() == QLatin1String("/"));
        QVERIFY(roff.contains(QStringLiteral("~/.config/finagent/finagent.ini")));
    }

    void manPageRendersWithoutWarnings()
    {
        const QString groff = QStandardPaths::findExecutable(QStringLiteral("groff"));
        if (groff.isEmpty())
            QSKIP("groff is not installed");
        QTemporaryDir dir;
        const QString page = dir.filePath(QStringLiteral("finagent.1"));
        const Run gen = run(QStringLiteral("sh"),
            {makeManpage(), finagentBinary(), QStringLiteral("2026-01-02"),
                QStringLiteral("https://example.org/finagent"), page});
        QVERIFY2(gen.exitCode == 0, gen.err.constData());
        const Run r = run(groff,
            {QStringLiteral("-man"), QStringLiteral("-Tutf8"), QStringLiteral("-ww"), QStringLiteral("-z"),
                page});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), r.err.constData());
    }

    // A verb whose --help fails stops the generator, so a page never silently lacks a verb.
    void manPageGeneratorRefusesABrokenVerb()
    {
        QTemporaryDir dir;
        const QString fake = dir.filePath(QStringLiteral("finagent"));
        QFile script(fake);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\n"
                     "case \"$1\" in\n"
                     "--version) echo 'finagent 9.9.9' ;;\n"
                     "--help) printf 'FinAgent 9.9.9 - a test double.\\n\\nUsage:\\n"
                     "  finagent good      works\\n  finagent broken    fails\\n' ;;\n"
                     "good) echo 'Usage: finagent good' ;;\n"
                     "*) echo 'no help here' >&2; exit 3 ;;\n"
                     "esac\n");
        script.close();
        QVERIFY(script.setPermissions(script.permissions() | QFileDevice::ExeOwner));
        const QString page = dir.filePath(QStringLiteral("finagent.1"));
        const Run r = run(QStringLiteral("sh"),
            {makeManpage(), fake, QStringLiteral("2026-01-02"), QStringLiteral("https://example.org"), page});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("finagent broken --help"), r.err.constData());
        QVERIFY(!QFileInfo::exists(page));
    }
};

QTEST_GUILESS_MAIN(TestPackageFiles)
#include "tst_packagefiles.moc"
