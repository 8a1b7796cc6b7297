#pragma once

#include "config/clientconfigwriter.h"
#include "page.h"

#include <QList>

class QFrame;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QToolButton;
class QVBoxLayout;

// Connect a client: one card per AI application (Claude Desktop, Claude Code, Cursor, VS Code,
// Kiro), the ones found on this computer first. Each card says whether FinAgent is in that
// client's MCP config, writes or updates the entry with one click (over HTTP to this app's local
// server, or stdio where the client starts FinAgent itself), removes it, and then shows the
// snippet it wrote (token masked unless asked) and the file, with a button that opens its folder.
// Errors (a config file that is not valid JSON, no access token yet) appear on the card with what
// to do. The files are written by ClientConfigWriter: other servers and settings stay untouched
// and a backup of the previous version is kept.
class ConnectPage : public Page
{
    Q_OBJECT
public:
    explicit ConnectPage(UiContext& context, QWidget* parent = nullptr);
    ~ConnectPage() override;

    QString pageId() const override { return QStringLiteral("connect"); }
    QString title() const override { return tr("Connect"); }
    QIcon icon() const override;
    void activated() override;
    void deactivated() override;

    // Where the clients' files are looked for; default: this user's. Refreshes the cards.
    void setClientEnvironment(const ClientEnvironment& environment);
    // The program a stdio entry starts; default: this program.
    void setFinagentPath(const QString& path);

    // Reads every client's config file again and updates the cards (and their order).
    void refresh();

    // The card of a client, for tests and keyboard focus. Its controls are named connectButton,
    // removeButton, httpChoice, stdioChoice, statusLabel, pathLabel, errorLabel, snippetView,
    // showTokenButton, writtenLabel and openFolderButton.
    QFrame* card(McpClient client) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Card;

    Card* buildCard(McpClient client);
    void retranslate();
    void updateCard(Card& card);
    void orderCards();
    InstallRequest requestFor(const Card& card);
    // Why the chosen transport cannot be written now (no token, no fixed port), or empty.
    QString httpProblem();
    void connectClient(Card& card);
    void removeClient(Card& card);
    void showError(Card& card, const QString& message);
    void showSnippet(Card& card);
    void openFolder(const Card& card);

    QLabel* m_intro = nullptr;
    QVBoxLayout* m_cardsLayout = nullptr;
    QList<Card*> m_cards;
    ClientEnvironment m_environment;
    QString m_finagentPath;
    bool m_active = false;
};
