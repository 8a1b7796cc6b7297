#pragma once

#include <QJsonObject>
#include <QString>

#include <utility>
#include <variant>

// What went wrong, in words a person (or an assistant) can act on.
struct Error
{
    QString code;        // stable, machine-readable: "invalid_symbol", "upstream_rate_limited", ...
    QString message;     // one or two sentences: what happened and what to do next
    QJsonObject details; // optional structured context (upstream code, retry_after, ...)

    Error() = default;
    Error(QString c, QString m, QJsonObject d = {})
        : code(std::move(c))
        , message(std::move(m))
        , details(std::move(d))
    {
    }

    bool isNull() const { return code.isEmpty() && message.isEmpty(); }
    QJsonObject toJson() const;
};

// A value or an Error; the project's expected-like result type.
template<typename T>
class Result
{
public:
    Result(const T& value)
        : m_data(value)
    {
    }
    Result(T&& value)
        : m_data(std::move(value))
    {
    }
    Result(const Error& error)
        : m_data(error)
    {
    }
    Result(Error&& error)
        : m_data(std::move(error))
    {
    }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const { return std::get<0>(m_data); }
    T& value() { return std::get<0>(m_data); }
    T takeValue() { return std::move(std::get<0>(m_data)); }
    const T* operator->() const { return &std::get<0>(m_data); }
    const T& operator*() const { return std::get<0>(m_data); }

    // An empty Error when the result holds a value, so messages can be built unconditionally.
    const Error& error() const
    {
        static const Error none;
        return ok() ? none : std::get<1>(m_data);
    }

private:
    std::variant<T, Error> m_data;
};

template<>
class Result<void>
{
public:
    Result() = default;
    Result(const Error& error)
        : m_error(error)
        , m_failed(true)
    {
    }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};
