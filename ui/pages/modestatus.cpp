#include "pages/modestatus.h"

#include "backend/backendrouter.h"
#include "backend/remotebackend.h"
#include "backend/remoteendpoint.h"

#include <QCoreApplication>
#include <QLocale>

namespace
{

const RemoteBackend* remoteOf(const Backend& backend)
{
    if (const auto* r = qobject_cast<const BackendRouter*>(&backend))
        return r->remote();
    return qobject_cast<const RemoteBackend*>(&backend);
}

// The translation context of these strings.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(ModeStatus)
};

// The time a failure started: HH:mm today, the date too when it began on another day.
QString sinceText(const QDateTime& since)
{
    const QDateTime local = since.toLocalTime();
    if (local.date() == QDate::currentDate())
        return QLocale().toString(local.time(), QStringLiteral("HH:mm"));
    return QLocale().toString(local, QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

namespace ModeStatus
{

BackendRouter* router(Backend& backend)
{
    return qobject_cast<BackendRouter*>(&backend);
}

Backend& local(Backend& backend)
{
    BackendRouter* r = router(backend);
    return r ? r->local() : backend;
}

bool isRemote(const Backend& backend)
{
    return backend.kind() == QLatin1String("remote");
}

QString summary(const Backend& backend)
{
    if (!isRemote(backend))
        return Text::tr("Local");
    const RemoteBackend* remote = remoteOf(backend);
    if (!remote)
        return Text::tr("Remote: no usable URL");
    const QString url = RemoteEndpoint::display(remote->url());
    const BackendStatus status = remote->status();
    switch (status.state) {
    case BackendStatus::State::Ready:
        return Text::tr("Remote: %1 — ready").arg(url);
    case BackendStatus::State::Connecting:
        return Text::tr("Remote: %1 — connecting…").arg(url);
    case BackendStatus::State::Unreachable:
        if (status.since.isValid())
            return Text::tr("Remote: %1 — unreachable since %2").arg(url, sinceText(status.since));
        return Text::tr("Remote: %1 — unreachable").arg(url);
    case BackendStatus::State::Refused:
        return Text::tr("Remote: %1 — token refused").arg(url);
    }
    return Text::tr("Remote: %1").arg(url);
}

QString problem(const Backend& backend)
{
    if (!hasProblem(backend))
        return {};
    if (const RemoteBackend* remote = remoteOf(backend))
        return remote->status().description;
    return backend.status().description;
}

bool hasProblem(const Backend& backend)
{
    if (!isRemote(backend))
        return false;
    const BackendStatus::State state = backend.status().state;
    return state == BackendStatus::State::Unreachable || state == BackendStatus::State::Refused;
}

bool isConnecting(const Backend& backend)
{
    return isRemote(backend) && backend.status().state == BackendStatus::State::Connecting;
}

} // namespace ModeStatus
