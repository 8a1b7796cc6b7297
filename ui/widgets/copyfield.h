#pragma once

#include <QWidget>

class QLineEdit;
class QToolButton;

// A read-only value with a copy button: the MCP URL, the access token, an address. A secret field
// is masked until the person asks to see it; its copies carry the clipboard hints password managers
// and clipboard histories honour, and are cleared from the clipboard after a while and on quit.
class CopyField : public QWidget
{
    Q_OBJECT
public:
    explicit CopyField(QWidget* parent = nullptr);

    void setText(const QString& text);
    QString text() const;
    void setPlaceholderText(const QString& text);

    void setSecret(bool secret);
    bool isSecret() const { return m_secret; }
    // Shows or masks a secret value.
    void setRevealed(bool revealed);
    bool isRevealed() const { return m_revealed; }
    // How long a copied secret stays on the clipboard. Default 30 s.
    void setClearAfterMs(int ms) { m_clearAfterMs = ms; }

    QLineEdit* lineEdit() const { return m_edit; }
    QToolButton* copyButton() const { return m_copy; }
    QToolButton* revealButton() const { return m_reveal; }

    // Puts text on the clipboard. A secret is marked as one (x-kde-passwordManagerHint,
    // ExcludeClipboardContentFromMonitorProcessing) and removed from the clipboard after clearAfterMs
    // if it is still there, and when the application quits.
    static void copyToClipboard(const QString& text, bool secret, int clearAfterMs = 30000);

public Q_SLOTS:
    void copy();

Q_SIGNALS:
    void copied();

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateView();
    void retranslate();

    QLineEdit* m_edit = nullptr;
    QToolButton* m_reveal = nullptr;
    QToolButton* m_copy = nullptr;
    QString m_text;
    bool m_secret = false;
    bool m_revealed = false;
    int m_clearAfterMs = 30000;
};
