#include "storage/database.h"

#include "storage/databaseworker.h"

#include <QThread>

Database::Database(DatabaseConfig cfg, QObject* parent)
    : QObject(parent)
    , m_config(std::move(cfg))
    , m_thread(new QThread)
    , m_worker(new DatabaseWorker(m_config))
{
    m_thread->setObjectName(QStringLiteral("finagent-db"));
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

Database::~Database()
{
    // Queued after every job already posted, so those run (and deliver) first.
    DatabaseWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker,
        [worker]() {
            worker->close();
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_thread->wait();
    delete m_worker;
    delete m_thread;
}

void Database::open(QObject* ctx, std::function<void(Result<void>)> done)
{
    auto slot = std::make_shared<std::optional<Result<void>>>();
    DatabaseWorker* worker = m_worker;
    std::function<void()> deliver;
    if (done)
        deliver = [done = std::move(done), slot]() {
            done(std::move(**slot));
        };
    enqueue(
        ctx, [worker, slot]() { slot->emplace(worker->open()); }, std::move(deliver));
}

Result<void> Database::openBlocking()
{
    Result<void> result;
    DatabaseWorker* worker = m_worker;
    enqueueBlocking([worker, &result]() { result = worker->open(); });
    return result;
}

void Database::post(QObject* ctx, StorageDetail::Work work, std::function<void()> deliver)
{
    DatabaseWorker* worker = m_worker;
    enqueue(
        ctx, [worker, work = std::move(work)]() { worker->execute(work); }, std::move(deliver));
}

void Database::postBlocking(const StorageDetail::Work& work)
{
    DatabaseWorker* worker = m_worker;
    enqueueBlocking([worker, &work]() { worker->execute(work); });
}

void Database::enqueue(QObject* ctx, std::function<void()> task, std::function<void()> deliver)
{
    // Delivery rides on a queued connection from a per-job relay object to ctx: Qt drops it when
    // ctx is destroyed first, with the locking that a QPointer checked from another thread lacks.
    QObject* relay = nullptr;
    if (ctx && deliver) {
        relay = new QObject;
        QObject::connect(
            relay, &QObject::destroyed, ctx, [deliver = std::move(deliver)]() { deliver(); },
            Qt::QueuedConnection);
        relay->moveToThread(m_thread);
    }
    QMetaObject::invokeMethod(
        m_worker,
        [task = std::move(task), relay]() {
            task();
            delete relay; // emits destroyed(), which carries the result to ctx
        },
        Qt::QueuedConnection);
}

void Database::enqueueBlocking(const std::function<void()>& task)
{
    if (QThread::currentThread() == m_thread) {
        task();
        return;
    }
    QMetaObject::invokeMethod(
        m_worker, [&task]() { task(); }, Qt::BlockingQueuedConnection);
}
