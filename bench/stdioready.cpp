// finagent-bench-stdio: how long an MCP stdio server takes from spawn to its initialize answer.
//
// Each run takes the monotonic clock, forks and execs the server with its stdin and stdout on
// pipes, writes one `initialize` request (it waits in the pipe until the server reads it), and
// stops the clock when a complete stdout line carrying the answer to that request has been read.
// It then closes the server's stdin and reaps it (SIGKILL, to that PID only, if it has not exited
// 5 s later). Warm-up runs come first and are not counted, so every counted run starts with the
// same warm page cache. Prints a JSON summary on stdout.
//
// Usage: finagent-bench-stdio [--runs N] [--warmup N] [--label TEXT] -- program [args...]
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace
{

const char kInitialize[] =
    R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",)"
    R"("capabilities":{},"clientInfo":{"name":"finagent-bench-stdio","version":"1.0.0"}}})"
    "\n";

constexpr int kAnswerTimeoutMs = 20000;
constexpr int kExitTimeoutMs = 5000;

double nowMs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) * 1000.0 + double(ts.tv_nsec) / 1.0e6;
}

// The answer to our request: a line with our id and a result (other lines, such as
// notifications, are skipped).
bool isInitializeAnswer(const std::string& line)
{
    return line.find("\"id\":1") != std::string::npos && line.find("\"result\"") != std::string::npos;
}

void reap(pid_t pid)
{
    const double deadline = nowMs() + kExitTimeoutMs;
    while (nowMs() < deadline) {
        int status = 0;
        const pid_t done = waitpid(pid, &status, WNOHANG);
        if (done == pid || (done < 0 && errno != EINTR))
            return;
        usleep(1000);
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
}

// One run: milliseconds from fork to the answer line, or a negative number on failure.
double runOnce(char* const* command, std::string* failure)
{
    int toChild[2] = {-1, -1};
    int fromChild[2] = {-1, -1};
    if (pipe2(toChild, O_CLOEXEC) != 0 || pipe2(fromChild, O_CLOEXEC) != 0) {
        *failure = std::string("pipe: ") + std::strerror(errno);
        return -1;
    }
    const double start = nowMs();
    const pid_t pid = fork();
    if (pid < 0) {
        *failure = std::string("fork: ") + std::strerror(errno);
        return -1;
    }
    if (pid == 0) {
        dup2(toChild[0], STDIN_FILENO);
        dup2(fromChild[1], STDOUT_FILENO);
        const int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0)
            dup2(devnull, STDERR_FILENO);
        execvp(command[0], command);
        _exit(127);
    }
    close(toChild[0]);
    close(fromChild[1]);
    const ssize_t written = write(toChild[1], kInitialize, sizeof kInitialize - 1);
    double elapsed = -1;
    if (written != ssize_t(sizeof kInitialize - 1)) {
        *failure = "could not write the initialize request";
    } else {
        std::string buffer;
        const double deadline = start + kAnswerTimeoutMs;
        while (elapsed < 0) {
            const int left = int(deadline - nowMs());
            if (left <= 0) {
                *failure = "no initialize answer within 20 s";
                break;
            }
            pollfd pfd {fromChild[0], POLLIN, 0};
            const int ready = poll(&pfd, 1, left);
            if (ready < 0 && errno == EINTR)
                continue;
            if (ready <= 0)
                continue;
            char chunk[65536];
            const ssize_t n = read(fromChild[0], chunk, sizeof chunk);
            if (n <= 0) {
                *failure = "the server closed stdout before answering";
                break;
            }
            buffer.append(chunk, size_t(n));
            for (size_t eol = buffer.find('\n'); eol != std::string::npos; eol = buffer.find('\n')) {
                const std::string line = buffer.substr(0, eol);
                buffer.erase(0, eol + 1);
                if (isInitializeAnswer(line)) {
                    elapsed = nowMs() - start;
                    break;
                }
            }
        }
    }
    close(toChild[1]);
    close(fromChild[0]);
    reap(pid);
    return elapsed;
}

double percentile(const std::vector<double>& sorted, double p)
{
    // Nearest rank.
    const size_t rank = size_t(std::ceil(p * double(sorted.size())));
    return sorted[std::min(sorted.size(), std::max<size_t>(rank, 1)) - 1];
}

double median(const std::vector<double>& sorted)
{
    const size_t n = sorted.size();
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
}

std::string jsonString(const std::string& text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (static_cast<unsigned char>(c) >= 0x20)
            out += c;
    }
    return out + "\"";
}

int usage()
{
    std::fprintf(stderr,
        "Usage: finagent-bench-stdio [--runs N] [--warmup N] [--label TEXT] -- program [args...]\n"
        "Times an MCP stdio server from spawn to its initialize answer; prints a JSON summary.\n");
    return 2;
}

} // namespace

int main(int argc, char* argv[])
{
    int runs = 25;
    int warmup = 2;
    std::string label;
    int first = -1;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") {
            first = i + 1;
            break;
        }
        if (i + 1 >= argc)
            return usage();
        if (arg == "--runs")
            runs = std::atoi(argv[++i]);
        else if (arg == "--warmup")
            warmup = std::atoi(argv[++i]);
        else if (arg == "--label")
            label = argv[++i];
        else
            return usage();
    }
    if (first < 0 || first >= argc || runs < 1 || warmup < 0)
        return usage();
    char* const* command = argv + first;
    signal(SIGPIPE, SIG_IGN);

    std::vector<double> samples;
    for (int i = 0; i < warmup + runs; ++i) {
        std::string failure;
        const double ms = runOnce(command, &failure);
        if (ms < 0) {
            std::fprintf(stderr, "finagent-bench-stdio: run %d of %s failed: %s\n", i + 1, command[0],
                failure.c_str());
            return 1;
        }
        if (i >= warmup)
            samples.push_back(ms);
    }
    std::vector<double> sorted = samples;
    std::sort(sorted.begin(), sorted.end());

    std::string json = "{\"label\":" + jsonString(label.empty() ? command[0] : label);
    char number[64];
    std::snprintf(number, sizeof number, "%d", runs);
    json += std::string(",\"runs\":") + number;
    const std::pair<const char*, double> stats[] = {{"median_ms", median(sorted)},
        {"p90_ms", percentile(sorted, 0.9)}, {"min_ms", sorted.front()}, {"max_ms", sorted.back()}};
    for (const auto& [name, value] : stats) {
        std::snprintf(number, sizeof number, "%.2f", value);
        json += std::string(",\"") + name + "\":" + number;
    }
    json += ",\"samples_ms\":[";
    for (size_t i = 0; i < samples.size(); ++i) {
        std::snprintf(number, sizeof number, "%s%.2f", i == 0 ? "" : ",", samples[i]);
        json += number;
    }
    json += "]}";
    std::printf("%s\n", json.c_str());
    return 0;
}
