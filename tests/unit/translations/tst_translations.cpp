// The translation catalogues stay complete: every string the sources pass to tr() is in each .ts
// file (in the source language's plural-only file, every %n string), translated, with the placeholders,
// markup, mnemonics and spacing of its source, and lrelease turns it into a .qm catalogue that answers with
// those translations. When a string is added: `cmake --build <dir> --target update_translations`, then
// translate the new entries.
#include "tschecks.h"
#include "tsfile.h"

#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

namespace
{

using Check = QString (*)(const TsMessage&);

QString problems(const TsFile& file, Check check)
{
    QStringList lines;
    for (const TsMessage& message : file.messages) {
        const QString problem = check(message);
        if (!problem.isEmpty())
            lines << QStringLiteral("%1:%2: %3 %4")
                         .arg(file.path)
                         .arg(message.line)
                         .arg(message.label(), problem);
    }
    return lines.join(QLatin1Char('\n'));
}

TsMessage message(const QString& source, const QString& translation)
{
    TsMessage m;
    m.context = QStringLiteral("Test");
    m.source = source;
    m.translations << translation;
    return m;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void checksCatchMistakes();
    void messagesAreTranslated_data();
    void messagesAreTranslated();
    void placeholdersMatch_data();
    void placeholdersMatch();
    void markupAndMnemonicsMatch_data();
    void markupAndMnemonicsMatch();
    void spacingAndEndingsMatch_data();
    void spacingAndEndingsMatch();
    void catalogueListsEveryString();
    void compiledCatalogueAnswers_data();
    void compiledCatalogueAnswers();

private:
    void addFileRows();
    void verify(Check check);

    QList<TsFile> m_files;
    QList<bool> m_pluralOnly; // per file: holds only the %n strings (the source language's plurals)
};

void TestTranslations::initTestCase()
{
    const QStringList full =
        qEnvironmentVariable("FINAGENT_TS_FILES").split(QLatin1Char(','), Qt::SkipEmptyParts);
    const QStringList pluralOnly =
        qEnvironmentVariable("FINAGENT_PLURALS_TS_FILES").split(QLatin1Char(','), Qt::SkipEmptyParts);
    QVERIFY2(!full.isEmpty(), "FINAGENT_TS_FILES names no .ts file");
    for (const QString& path : full + pluralOnly) {
        TsFile file = readTsFile(path);
        QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
        QVERIFY2(!file.messages.isEmpty(), qPrintable(path + QStringLiteral(" holds no message")));
        const QString expected = QFileInfo(path).completeBaseName().section(QLatin1Char('_'), 1);
        QVERIFY2(file.language == expected,
            qPrintable(QStringLiteral("%1 says language \"%2\", its name says \"%3\"")
                           .arg(path, file.language, expected)));
        m_files << file;
        m_pluralOnly << pluralOnly.contains(path);
    }
}

void TestTranslations::checksCatchMistakes()
{
    using namespace TsChecks;
    QVERIFY(translationProblem(message(QStringLiteral("Copy"), QStringLiteral("复制"))).isEmpty());
    TsMessage unfinished = message(QStringLiteral("Copy"), QString());
    unfinished.translationType = QStringLiteral("unfinished");
    QVERIFY(!translationProblem(unfinished).isEmpty());
    QVERIFY(!translationProblem(message(QStringLiteral("Copy"), QStringLiteral(" "))).isEmpty());

    QVERIFY(placeholderProblem(message(QStringLiteral("%1 of %2"), QStringLiteral("%2 中的 %1"))).isEmpty());
    QVERIFY(!placeholderProblem(message(QStringLiteral("%1 of %2"), QStringLiteral("%1 个"))).isEmpty());
    QVERIFY(!placeholderProblem(message(QStringLiteral("%n min"), QStringLiteral("%1 分钟"))).isEmpty());
    QCOMPARE(placeholders(QStringLiteral("%L1 and %1, %1, %12 %n 100%")),
        (QStringList {
            QStringLiteral("%1"), QStringLiteral("%12"), QStringLiteral("%L1"), QStringLiteral("%n")}));

    QVERIFY(markupProblem(message(QStringLiteral("&Amount"), QStringLiteral("金额(&A)"))).isEmpty());
    QVERIFY(!markupProblem(message(QStringLiteral("&Amount"), QStringLiteral("金额"))).isEmpty());
    QVERIFY(markupProblem(message(QStringLiteral("Open Accounts && keys"), QStringLiteral("打开账户与密钥")))
                .isEmpty());
    QVERIFY(markupProblem(message(QStringLiteral("a&nbsp;b & c"), QStringLiteral("甲&nbsp;乙"))).isEmpty());
    QVERIFY(!markupProblem(message(QStringLiteral("<b>Wallets</b>"), QStringLiteral("钱包"))).isEmpty());

    QVERIFY(punctuationProblem(message(QStringLiteral("Overlays:"), QStringLiteral("叠加指标："))).isEmpty());
    QVERIFY(!punctuationProblem(message(QStringLiteral("Overlays:"), QStringLiteral("叠加指标"))).isEmpty());
    QVERIFY(!punctuationProblem(message(QStringLiteral(" min"), QStringLiteral("分钟"))).isEmpty());
    QVERIFY(!punctuationProblem(message(QStringLiteral("Loading…"), QStringLiteral("加载中"))).isEmpty());
}

void TestTranslations::addFileRows()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < m_files.size(); ++i)
        QTest::newRow(qPrintable(QFileInfo(m_files.at(i).path).fileName())) << i;
}

void TestTranslations::verify(Check check)
{
    QFETCH(int, index);
    const QString found = problems(m_files.at(index), check);
    QVERIFY2(found.isEmpty(), qPrintable(found));
}

void TestTranslations::messagesAreTranslated_data()
{
    addFileRows();
}

void TestTranslations::messagesAreTranslated()
{
    verify(&TsChecks::translationProblem);
}

void TestTranslations::placeholdersMatch_data()
{
    addFileRows();
}

void TestTranslations::placeholdersMatch()
{
    verify(&TsChecks::placeholderProblem);
}

void TestTranslations::markupAndMnemonicsMatch_data()
{
    addFileRows();
}

void TestTranslations::markupAndMnemonicsMatch()
{
    verify(&TsChecks::markupProblem);
}

void TestTranslations::spacingAndEndingsMatch_data()
{
    addFileRows();
}

void TestTranslations::spacingAndEndingsMatch()
{
    verify(&TsChecks::punctuationProblem);
}

void TestTranslations::catalogueListsEveryString()
{
    const QString lupdatePath = qEnvironmentVariable("FINAGENT_LUPDATE");
    const QString sourceList = qEnvironmentVariable("FINAGENT_TRANSLATABLE_LIST");
    QVERIFY2(
        QFileInfo(lupdatePath).isExecutable(), qPrintable(lupdatePath + QStringLiteral(" is not lupdate")));
    QVERIFY2(QFileInfo::exists(sourceList), qPrintable(sourceList + QStringLiteral(" does not exist")));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString current = dir.filePath(QStringLiteral("current.ts"));
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(lupdatePath,
        {QLatin1Char('@') + sourceList, QStringLiteral("-ts"), current, QStringLiteral("-locations"),
            QStringLiteral("none"), QStringLiteral("-no-obsolete"), QStringLiteral("-silent")});
    QTRY_VERIFY_WITH_TIMEOUT(lupdate.state() == QProcess::NotRunning, 60000);
    const QString output = QString::fromLocal8Bit(lupdate.readAll()).trimmed();
    QVERIFY2(lupdate.error() == QProcess::UnknownError, qPrintable(lupdate.errorString()));
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0, qPrintable(output));
    // A warning means a tr() call lupdate cannot place (unknown class, computed string).
    QVERIFY2(output.isEmpty(), qPrintable(QStringLiteral("lupdate warned:\n") + output));

    const TsFile sources = readTsFile(current);
    QVERIFY2(sources.error.isEmpty(), qPrintable(sources.error));
    QSet<QString> inSources;
    for (const TsMessage& m : sources.messages)
        inSources.insert(m.key());

    for (qsizetype i = 0; i < m_files.size(); ++i) {
        const TsFile& file = m_files.at(i);
        const bool pluralOnly = m_pluralOnly.at(i);
        QStringList lines;
        QSet<QString> inFile;
        for (const TsMessage& m : file.messages) {
            inFile.insert(m.key());
            if (!inSources.contains(m.key()))
                lines << QStringLiteral("no longer in the sources: %1").arg(m.label());
            else if (pluralOnly && !m.numerus)
                lines
                    << QStringLiteral("not a %n string, so not for this plural-only file: %1").arg(m.label());
        }
        for (const TsMessage& m : sources.messages) {
            if ((m.numerus || !pluralOnly) && !inFile.contains(m.key()))
                lines << QStringLiteral("missing: %1").arg(m.label());
        }
        if (!lines.isEmpty())
            lines.prepend(
                QStringLiteral("%1 is not up to date with the sources; run `cmake --build <build dir> "
                               "--target update_translations` and translate the new entries:")
                    .arg(file.path));
        QVERIFY2(lines.isEmpty(), qPrintable(lines.join(QStringLiteral("\n  "))));
    }
}

void TestTranslations::compiledCatalogueAnswers_data()
{
    addFileRows();
}

void TestTranslations::compiledCatalogueAnswers()
{
    QFETCH(int, index);
    const TsFile& file = m_files.at(index);
    const QString qm = qEnvironmentVariable("FINAGENT_QM_DIR") + QLatin1Char('/')
        + QFileInfo(file.path).completeBaseName() + QStringLiteral(".qm");
    QTranslator translator;
    QVERIFY2(translator.load(qm), qPrintable(qm + QStringLiteral(" could not be loaded")));
    QCOMPARE(translator.language(), file.language);

    QStringList lines;
    for (const TsMessage& m : file.messages) {
        const QByteArray context = m.context.toUtf8();
        const QByteArray source = m.source.toUtf8();
        const QByteArray comment = m.comment.toUtf8();
        const QString got = translator.translate(context.constData(), source.constData(),
            m.comment.isEmpty() ? nullptr : comment.constData(), m.numerus ? 1 : -1);
        if (!m.translations.contains(got))
            lines << QStringLiteral("%1: %2 gives \"%3\"").arg(qm, m.label(), got);
    }
    QVERIFY2(lines.isEmpty(), qPrintable(lines.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
