#pragma once

#include <QObject>

// Turns SIGTERM and SIGINT into a Qt signal on the event loop (self-pipe), so `serve` can stop
// accepting, finish in-flight calls and exit cleanly. On Windows, console control events.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);
};
