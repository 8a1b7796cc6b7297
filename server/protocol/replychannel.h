#pragma once

#include <QJsonObject>

#include <functional>

// Where one request's response, and the messages related to it (progress, log, server->client
// requests), are delivered. stdio writes both to stdout; HTTP answers JSON, or switches to an SSE
// stream when a related message comes before the response.
class ReplyChannel
{
public:
    virtual ~ReplyChannel() = default;
    virtual void sendRelated(const QJsonObject& message) = 0;
    virtual void sendResponse(const QJsonObject& message) = 0; // final
    virtual void abandon() = 0; // the request was cancelled: no response follows
};

// A channel built from callables: for in-process callers (the window, tests).
class CallbackReplyChannel : public ReplyChannel
{
public:
    using Fn = std::function<void(const QJsonObject&)>;
    CallbackReplyChannel(Fn related, Fn response, std::function<void()> abandoned = {})
        : m_related(std::move(related))
        , m_response(std::move(response))
        , m_abandoned(std::move(abandoned))
    { }
    void sendRelated(const QJsonObject& m) override
    {
        if (m_related)
            m_related(m);
    }
    void sendResponse(const QJsonObject& m) override
    {
        if (m_response)
            m_response(m);
    }
    void abandon() override
    {
        if (m_abandoned)
            m_abandoned();
    }

private:
    Fn m_related;
    Fn m_response;
    std::function<void()> m_abandoned;
};
