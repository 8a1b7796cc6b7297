#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class SecretStore;

// One secret of the keychain as the Accounts page shows it: whether it is stored ("Stored ✓" or
// "Not set"), never its value. A password field takes a new value; Save writes it with the
// SecretStore and clears the field; Replace opens the field again for a stored secret; Remove
// deletes it. Whether it is stored comes from SecretStore::list (names only), asked again when the
// store reports a change of this name.
//
// Named children: secretEdit, saveSecret, replaceSecret, removeSecret, cancelSecret, secretState,
// secretMessage.
class SecretEntry : public QWidget
{
    Q_OBJECT
public:
    enum class State
    {
        Unknown, // the store has not answered yet
        NotSet,
        Stored,
        Unreadable // the store could not be asked: message() says why
    };

    SecretEntry(
        SecretStore& store, const QString& name, const QString& placeholder, QWidget* parent = nullptr);

    QString secretName() const { return m_name; }
    State state() const { return m_state; }
    bool isStored() const { return m_state == State::Stored; }
    bool isBusy() const { return m_busy; }
    // The last failure of a save or remove, or why the store could not be asked.
    QString message() const;

    QLineEdit* edit() const { return m_edit; }
    QPushButton* saveButton() const { return m_save; }
    QPushButton* replaceButton() const { return m_replace; }
    QPushButton* removeButton() const { return m_remove; }

public Q_SLOTS:
    // Asks the store whether the secret is there.
    void refresh();
    // Writes the field's text (trimmed) and clears the field on success.
    void save();
    // Shows the field to enter a new value for a stored secret.
    void startReplace();
    void cancelReplace();
    void remove();

Q_SIGNALS:
    void stateChanged(SecretEntry::State state);
    void saved();
    void removed();
    void failed(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void setState(State state, const QString& message = QString());
    void setBusy(bool busy, const QString& what = QString());
    void showMessage(const QString& text);
    void updateView();
    void retranslate();

    SecretStore& m_store;
    QString m_name;
    QString m_placeholder;
    State m_state = State::Unknown;
    bool m_replacing = false;
    bool m_busy = false;
    QString m_busyText;
    QString m_readError;

    QLabel* m_status = nullptr;
    QLineEdit* m_edit = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_replace = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_cancel = nullptr;
    QLabel* m_message = nullptr;
};
