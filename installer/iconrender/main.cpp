// Renders the application's SVG icon into the bitmap sizes installers need:
//   finagent-iconrender <icon.svg> <size> <out.png|out.ico> [<size> <out> ...]
// The output format follows the file suffix.
#include <QGuiApplication>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QStringList>
#include <QSvgRenderer>
#include <QTextStream>

namespace
{

QTextStream& err()
{
    static QTextStream s(stderr);
    return s;
}

bool render(QSvgRenderer& renderer, int size, const QString& path)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        renderer.render(&painter, QRectF(0, 0, size, size));
    }
    QImageWriter writer(path);
    if (!writer.write(image.convertToFormat(QImage::Format_ARGB32))) {
        err() << QStringLiteral("finagent-iconrender: cannot write %1: %2\n").arg(path, writer.errorString());
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    // Rendering needs no display; the minimal platform keeps the tool usable on build machines.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "minimal");
    QGuiApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.size() < 3 || args.size() % 2 == 0) {
        err() << QStringLiteral(
            "Usage: finagent-iconrender <icon.svg> <size> <out.png|out.ico> [<size> <out> ...]\n");
        return 2;
    }
    QSvgRenderer renderer(args.first());
    if (!renderer.isValid()) {
        err() << QStringLiteral("finagent-iconrender: %1 is not a readable SVG file.\n").arg(args.first());
        return 1;
    }
    renderer.setAspectRatioMode(Qt::KeepAspectRatio);
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        bool ok = false;
        const int size = args.at(i).toInt(&ok);
        if (!ok || size < 1 || size > 4096) {
            err() << QStringLiteral("finagent-iconrender: \"%1\" is not a size in pixels (1 to 4096).\n")
                         .arg(args.at(i));
            return 2;
        }
        if (!render(renderer, size, args.at(i + 1)))
            return 1;
    }
    return 0;
}
