// The server's log sink: lines are gathered in memory and written to standard output in large
// writes, when 64 KiB are waiting or when the logger flushes (every second, at once for warnings
// and errors, after "listening" and at exit). spdlog's own stdout sink flushes every line: one
// write(2) per request of the access log, 15-20% of bench/http.sh's throughput.
//
// Contract: a line is on standard output at most one second after it was logged, and at once when
// it is a warning or an error; no line is cut or interleaved with another.
#pragma once

#include <unistd.h>

#include <cerrno>
#include <mutex>
#include <string>

#include <spdlog/sinks/base_sink.h>

namespace srm::server {

class BufferedStdoutSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  static constexpr size_t kFlushAt = 64 * 1024;

  ~BufferedStdoutSink() override {
    std::lock_guard lock(mutex_);
    WriteOut();
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    pending_.append(formatted.data(), formatted.size());
    if (pending_.size() >= kFlushAt) WriteOut();
  }
  void flush_() override { WriteOut(); }

 private:
  // Writes everything pending; a write interrupted by a signal is resumed, one that fails (stdout
  // closed) drops what is pending: the server keeps serving without its log rather than growing.
  void WriteOut() {
    size_t done = 0;
    while (done < pending_.size()) {
      ssize_t n = ::write(STDOUT_FILENO, pending_.data() + done, pending_.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    pending_.clear();
  }

  std::string pending_;
};

}  // namespace srm::server
