#include "pipeline/worker_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <csignal>
#include <cstring>

#include <spdlog/spdlog.h>

#include "pipeline/worker.h"

namespace shenbao::pipeline {
namespace {

std::string SignalName(int signal) {
  const char* abbrev = sigabbrev_np(signal);
  return "signal " + std::to_string(signal) + (abbrev ? std::string(" (SIG") + abbrev + ")" : std::string());
}

bool SendLine(int fd, const nlohmann::json& message) {
  const std::string line = message.dump() + "\n";
  size_t sent = 0;
  while (sent < line.size()) {
    const ssize_t n = ::send(fd, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

std::string Seconds(double s) { return std::to_string(static_cast<long long>(s)) + " s"; }

}  // namespace

WorkerPool::WorkerPool(WorkerPoolOptions options) : options_(std::move(options)) {}

WorkerPool::~WorkerPool() {
  for (auto& w : workers_)
    if (w.pid > 0) Kill(w);
}

bool WorkerPool::Spawn(Worker& w) {
  w = Worker{};
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    spdlog::error("cannot start a worker: socketpair: {}", std::strerror(errno));
    ++failed_starts_;
    return false;
  }
  const std::string log = options_.log_file.empty() ? "/dev/null" : options_.log_file.string();
  const int log_fd = ::open(log.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  const pid_t parent = ::getpid();
  const std::string program = options_.program;
  char* const argv[] = {const_cast<char*>(program.c_str()), const_cast<char*>(kWorkerArgument), nullptr};
  const rlim_t limit = static_cast<rlim_t>(options_.memory_limit_mb) << 20;
  const pid_t pid = ::fork();
  if (pid == 0) {
    // Only async-signal-safe calls until exec: the parent has other threads.
    ::setpgid(0, 0);                       // Ctrl-C reaches the parent, which stops the workers itself
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);    // a killed parent leaves no worker behind
    if (::getppid() != parent) ::_exit(127);
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    if (log_fd >= 0) {
      ::dup2(log_fd, STDOUT_FILENO);
      ::dup2(log_fd, STDERR_FILENO);
    }
    if (sv[1] == kWorkerFd) ::fcntl(kWorkerFd, F_SETFD, 0);  // dup2 onto itself keeps close-on-exec
    else ::dup2(sv[1], kWorkerFd);
    if (limit > 0) {
      const rlimit rl{limit, limit};
      ::setrlimit(RLIMIT_AS, &rl);
    }
    ::execv(program.c_str(), argv);
    ::_exit(127);
  }
  ::close(sv[1]);
  if (log_fd >= 0) ::close(log_fd);
  if (pid < 0) {
    ::close(sv[0]);
    spdlog::error("cannot start a worker: fork: {}", std::strerror(errno));
    ++failed_starts_;
    return false;
  }
  w.pid = pid;
  w.fd = sv[0];
  w.started = w.last_sign = Clock::now();
  SendLine(w.fd, {{"config", options_.config}});  // a worker that died already shows up as a hang-up
  return true;
}

void WorkerPool::Kill(Worker& w) {
  ::kill(w.pid, SIGKILL);
  int status = 0;
  while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
  }
  ::close(w.fd);
  w.pid = -1;
  w.fd = -1;
}

std::string WorkerPool::Reap(Worker& w) {
  int status = 0;
  while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
  }
  ::close(w.fd);
  w.pid = -1;
  w.fd = -1;
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    return SignalName(signal) + (signal == SIGKILL ? ", killed from outside (out of memory?)" : "");
  }
  if (WIFEXITED(status)) return "the worker exited with status " + std::to_string(WEXITSTATUS(status));
  return "the worker ended";
}

std::string WorkerPool::Where(const Worker& w) const {
  if (!w.opened || w.pages < 0) return "while opening the file";
  if (w.task && !w.task->whole)
    return "while reading pages " + std::to_string(w.task->first + 1) + "-" + std::to_string(w.task->last + 1) + " of " +
           std::to_string(w.pages) + " (or the document running on past them)";
  if (w.pages_done < w.pages)
    return "while reading page " + std::to_string(w.pages_done + 1) + " of " + std::to_string(w.pages);
  return "while reading the fields (all " + std::to_string(w.pages) + " pages analysed)";
}

bool WorkerPool::Handle(Worker& w, const nlohmann::json& m, const std::function<void()>& on_page,
                        const std::function<void(size_t, const TaskOutcome&)>& on_result) {
  w.last_sign = Clock::now();
  if (m.contains("ready")) {
    w.ready = true;
    failed_starts_ = 0;
  } else if (m.contains("fatal")) {
    spdlog::error("a worker cannot start: {}", m["fatal"].get<std::string>());
  } else if (!w.task) {
    return false;  // task messages without a task
  } else if (m.contains("start")) {
    w.opened = true;
    w.pages = m["start"].get<int>();
    FileState& state = files_[w.task->file];
    if (w.task->whole && !state.pages_told) {
      state.pages_told = true;
      if (on_file_pages_) on_file_pages_(w.pages);
    }
    if (m.contains("parts") && m["parts"].is_array() && m["parts"].size() > 1 && w.task->whole) {
      // A long file: this worker reads part 0; the rest go next, in order, to
      // whichever worker is free first.
      const auto& parts = m["parts"];
      FileState& f = files_[w.task->file];
      f.parts = static_cast<int>(parts.size());
      w.task->whole = false;
      w.task->first = parts[0].at(0).get<int>();
      w.task->last = parts[0].at(1).get<int>();
      for (size_t k = parts.size(); k-- > 1;)
        queue_.push_back({w.task->file, false, static_cast<int>(k), parts[k].at(0).get<int>(), parts[k].at(1).get<int>()});
    }
  } else if (m.contains("page")) {
    w.pages_done = m["page"].get<int>();
    on_page();
  } else if (m.contains("done") || m.contains("failed")) {
    const Task task = *w.task;
    w.task.reset();
    FileState& f = files_[task.file];
    if (m.contains("seconds") && m["seconds"].is_object())
      for (const auto& [stage, s] : m["seconds"].items())
        if (s.is_number()) f.outcome.stage_seconds[stage] += s.get<double>();
    TaskOutcome outcome = f.outcome;
    if (m.contains("failed")) {
      outcome.failure = m["failed"].get<std::string>();
    } else if (!task.whole) {
      if (++f.parts_done < f.parts) return true;
      outcome.parts = f.parts;
    } else {
      for (const auto& r : m["done"])
        outcome.records.push_back({r.value("file", ""), r.value("status", "error"), r.value("error", "")});
    }
    Finish(task.file, outcome, on_result);
  }
  return true;
}

void WorkerPool::Finish(size_t file, const TaskOutcome& outcome,
                        const std::function<void(size_t, const TaskOutcome&)>& on_result) {
  FileState& f = files_[file];
  if (f.finished) return;  // another part failed first: its parts' work is dropped
  f.finished = true;
  --remaining_;
  if (!outcome.failure.empty())
    queue_.erase(std::remove_if(queue_.begin(), queue_.end(), [file](const Task& t) { return t.file == file; }),
                 queue_.end());
  on_result(file, outcome);
}

void WorkerPool::Run(const std::vector<InputFile>& tasks, const std::function<void()>& on_page,
                     const std::function<void(size_t, const TaskOutcome&)>& on_result, const std::atomic<bool>* stop) {
  // Largest files first (the queue is taken from its back): a long file started
  // last would leave the other workers idle while it finishes, and a long file's
  // parts spread over all workers only if it starts early. Equal sizes in name order.
  std::vector<uintmax_t> size(tasks.size(), 0);
  for (size_t i = 0; i < tasks.size(); ++i) {
    std::error_code error;
    const uintmax_t bytes = std::filesystem::file_size(tasks[i].path, error);
    size[i] = error ? 0 : bytes;
  }
  queue_.clear();
  for (size_t i = tasks.size(); i-- > 0;) queue_.push_back({i});
  std::stable_sort(queue_.begin(), queue_.end(), [&](const Task& a, const Task& b) { return size[a.file] < size[b.file]; });
  files_.assign(tasks.size(), FileState{});
  remaining_ = tasks.size();
  auto fail = [&](size_t file, const std::string& why) {
    TaskOutcome outcome = files_[file].outcome;
    outcome.failure = why;
    Finish(file, outcome, on_result);
  };
  // As many workers as asked even for one file, which may come in parts; each is
  // started only when there is work it could take.
  workers_.resize(std::max(1, options_.workers));
  const double limit_s = options_.page_timeout_s;

  // A worker that died (or hung up) holding a task: retry a crash once in a fresh
  // worker (it may have been another process's memory use), then give up on it.
  auto lost = [&](Worker& w, const std::string& how) {
    std::optional<Task> task = w.task;
    const bool was_ready = w.ready;
    const std::string where = Where(w);
    w = Worker{};
    if (!was_ready) {
      ++failed_starts_;
      spdlog::error("a worker ended while starting: {}", how);
      return;
    }
    if (!task || files_[task->file].finished) return;
    if (++task->attempts < 2) {
      spdlog::warn("{}: worker crashed ({}) {}; trying once more", tasks[task->file].display_path, how, where);
      queue_.push_back(*task);
      return;
    }
    fail(task->file, "crashed: " + how + " " + where + " (twice)");
  };

  while (remaining_ > 0 && !(stop && *stop)) {
    for (auto& w : workers_) {
      const auto idle = std::count_if(workers_.begin(), workers_.end(), [](const Worker& o) { return o.pid > 0 && !o.task; });
      if (w.pid < 0 && queue_.size() > static_cast<size_t>(idle) && failed_starts_ < 3) Spawn(w);
      if (w.pid > 0 && w.ready && !w.task && !queue_.empty()) {
        w.task = queue_.back();
        queue_.pop_back();
        w.pages = -1;
        w.pages_done = 0;
        w.opened = false;
        w.started = w.last_sign = Clock::now();
        const InputFile& f = tasks[w.task->file];
        nlohmann::json task = {{"path", f.path.string()}, {"display_path", f.display_path}, {"name", f.name}, {"sha256", f.sha256}};
        if (!w.task->whole) task["range"] = {{"first", w.task->first}, {"last", w.task->last}, {"part", w.task->part}};
        SendLine(w.fd, {{"task", task}});
      }
    }
    const bool any_alive = std::any_of(workers_.begin(), workers_.end(), [](const Worker& w) { return w.pid > 0; });
    if (!any_alive && failed_starts_ >= 3) {
      // No worker can start (a model missing, no memory): say so on every document left.
      while (!queue_.empty()) {
        const size_t file = queue_.back().file;
        queue_.pop_back();
        fail(file, "internal: no worker process could start (see shenbao.log)");
      }
      break;
    }

    std::vector<pollfd> fds;
    std::vector<Worker*> polled;
    for (auto& w : workers_)
      if (w.pid > 0) {
        fds.push_back({w.fd, POLLIN, 0});
        polled.push_back(&w);
      }
    const int n = ::poll(fds.data(), fds.size(), 500);
    if (n < 0 && errno != EINTR) spdlog::error("poll: {}", std::strerror(errno));
    for (size_t i = 0; n > 0 && i < fds.size(); ++i) {
      if (!fds[i].revents) continue;
      Worker& w = *polled[i];
      char chunk[8192];
      const ssize_t got = ::read(w.fd, chunk, sizeof chunk);
      if (got > 0) {
        w.buffer.append(chunk, static_cast<size_t>(got));
        size_t end;
        bool sane = true;
        while (sane && (end = w.buffer.find('\n')) != std::string::npos) {
          const auto message = nlohmann::json::parse(w.buffer.substr(0, end), nullptr, false);
          w.buffer.erase(0, end + 1);
          sane = !message.is_discarded() && message.is_object() && Handle(w, message, on_page, on_result);
        }
        if (!sane) {
          spdlog::error("a worker said something unexpected; replacing it");
          Kill(w);
          lost(w, "the worker broke the protocol");
        }
      } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
        const std::string how = Reap(w);
        lost(w, how);
      }
    }

    // Time limits: silence (a hang inside one call), and the whole document.
    const auto now = Clock::now();
    for (auto& w : workers_) {
      if (w.pid < 0) continue;
      const double silent = std::chrono::duration<double>(now - w.last_sign).count();
      const double total = std::chrono::duration<double>(now - w.started).count();
      if (!w.ready && silent > std::max(limit_s, 60.0)) {
        Kill(w);
        lost(w, "no answer within " + Seconds(std::max(limit_s, 60.0)));
        continue;
      }
      if (!w.task) continue;
      // A page's worth for each page, and one more for reading the fields after them
      // (a part may read on to the end of the file, in a document that long).
      const int pages = w.task->whole ? w.pages : w.pages - w.task->first;
      double budget = limit_s * (std::max(1, pages) + 1);
      if (options_.document_timeout_s > 0) budget = std::min(budget, options_.document_timeout_s);
      if (silent > limit_s || total > budget) {
        const size_t file = w.task->file;
        const std::string why = silent > limit_s
                                    ? "timeout: no progress for " + Seconds(silent) + " " + Where(w)
                                    : "timeout: the document took more than " + Seconds(budget) + " (" + Where(w) + ")";
        Kill(w);
        w = Worker{};
        fail(file, why);
      }
    }
  }
}

}  // namespace shenbao::pipeline
