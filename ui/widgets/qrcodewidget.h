#pragma once

#include <QImage>
#include <QVector>
#include <QWidget>

// A QR code of a text (a payment URL, a deposit address), made with libqrencode (byte mode, error
// correction level M) and drawn with whole-pixel modules on white with the standard four-module
// quiet zone, so phone cameras read it on dark palettes and at any scale factor too. Text that does
// not fit a QR code shows a sentence instead.
class QrCodeWidget : public QWidget
{
    Q_OBJECT
public:
    explicit QrCodeWidget(QWidget* parent = nullptr);

    // Encodes `text`; an empty text clears the code.
    void setText(const QString& text);
    QString text() const { return m_text; }

    // Modules per side (0 when nothing is encoded) and the modules, row by row (true: dark).
    int moduleCount() const { return m_width; }
    const QVector<bool>& modules() const { return m_modules; }
    bool isDark(int x, int y) const;
    // Why the text could not be encoded, empty when it could.
    QString errorString() const { return m_error; }

    // The code as an image with `moduleSize` pixels per module, quiet zone included.
    QImage toImage(int moduleSize) const;

    // The modules of `text` (row by row, `*width` per side); empty with `*error` set on failure.
    static QVector<bool> encode(const QString& text, int* width, QString* error = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString m_text;
    QVector<bool> m_modules;
    int m_width = 0;
    QString m_error;
};
