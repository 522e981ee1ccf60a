#include "api/http/http_server.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <limits>
#include <list>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_set>

#include "api/http/worker_pool.h"
#include "core/thread_name.h"

namespace srm::api::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
using Clock = std::chrono::steady_clock;

namespace {

auto NoThrow(beast::error_code& ec) { return asio::redirect_error(use_awaitable, ec); }

// "Date:" is the same for a whole second: formatted once per second per thread.
std::string_view HttpDate() {
  thread_local std::time_t last = 0;
  thread_local char buf[64];
  thread_local size_t len = 0;
  const std::time_t now = std::time(nullptr);
  if (now != last) {
    std::tm tm{};
    gmtime_r(&now, &tm);
    len = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    last = now;
  }
  return {buf, len};
}

bool HasNoBody(int status) { return (status >= 100 && status < 200) || status == 204 || status == 304; }

// True when `text` holds a CR or an LF (or, with `colon`, a ':'): one memchr per character looked
// for. find_first_of with a set calls memchr on the set once per character of the text, which for
// a long Content-Security-Policy value was most of the cost of writing a response head.
bool HasLineBreak(std::string_view text, bool colon = false) {
  const auto has = [&](char c) { return std::memchr(text.data(), c, text.size()) != nullptr; };
  return !text.empty() && (has('\r') || has('\n') || (colon && has(':')));
}

// The bytes of a response head; the body is written after it as a second buffer.
std::string Serialize(const Response& res, bool keep_alive, bool http10) {
  std::string out;
  out.reserve(256 + res.headers.size() * 48);
  out += "HTTP/1.1 ";
  out += std::to_string(res.status);
  out += ' ';
  out += res.reason.empty() ? StatusText(res.status) : std::string_view(res.reason);
  out += "\r\n";
  for (const auto& [k, v] : res.headers) {
    // The transport owns framing: a handler cannot add a second length or a chunked coding.
    if (IEquals(k, "Content-Length") || IEquals(k, "Transfer-Encoding") || IEquals(k, "Connection") ||
        IEquals(k, "Date") || IEquals(k, "Content-Type"))
      continue;
    // A CR or LF in a value would split the response: dropped (handlers never produce one).
    if (HasLineBreak(k, true) || HasLineBreak(v)) continue;
    out += k;
    out += ": ";
    out += v;
    out += "\r\n";
  }
  if (!res.content_type.empty() && !HasLineBreak(res.content_type)) {
    out += "Content-Type: ";
    out += res.content_type;
    out += "\r\n";
  }
  if (!HasNoBody(res.status)) {
    out += "Content-Length: ";
    std::error_code size_ec;
    out += std::to_string(res.body_file.empty() ? res.body.size()
                                                : static_cast<size_t>(std::filesystem::file_size(res.body_file, size_ec)));
    out += "\r\n";
  }
  out += "Date: ";
  out += HttpDate();
  out += "\r\n";
  if (!keep_alive) out += "Connection: close\r\n";
  else if (http10) out += "Connection: keep-alive\r\n";
  out += "\r\n";
  return out;
}

std::string RandomName() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  for (int i = 0; i < 24; ++i) s.push_back(kHex[rng() & 15]);
  return s;
}

template <class Stream>
auto& Lowest(Stream& s) {
  return beast::get_lowest_layer(s);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Shared state

struct Session;

// One io_context and the sessions living on it (touched only from its own thread).
struct IoLane {
  std::unordered_set<Session*> sessions;
  std::atomic<size_t> open{0};  // sessions.size(), readable from any thread (Server::stats)
  asio::io_context ctx{1};  // declared last: destroyed first, while `sessions` still exists
};

// What a connection exposes to Stop(): whether it may be closed now, and how.
struct Session {
  enum class State { kHandshake, kIdle, kHead, kBody, kBusy, kWriting };
  State state = State::kHandshake;
  bool closing = false;
  std::function<void()> cancel;
};

struct Server::Impl {
  Handler* handler;
  Limits limits;
  std::optional<TlsFiles> tls_files;
  std::unique_ptr<ssl::context> tls;

  std::unique_ptr<WorkerPool> pool;
  std::atomic<size_t> live{0};
  std::atomic<size_t> rejecting{0};
  std::atomic<size_t> refused{0};
  size_t max_connections = 0;
  std::atomic<bool> stopping{false};
  size_t next_lane = 0;  // the accept loop's own

  std::mutex mu;
  std::condition_variable cv;
  bool stop_requested = false;
  bool running = false;

  std::list<IoLane> lanes;  // stable addresses
  std::vector<IoLane*> lane_index;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::string busy_body;    // the fixed answer above the connection cap
  std::vector<std::thread> threads;

  Impl(Handler* h, Limits l, std::optional<TlsFiles> t) : handler(h), limits(l), tls_files(std::move(t)) {
    int n = limits.io_threads > 0 ? limits.io_threads : static_cast<int>(std::thread::hardware_concurrency());
    n = std::max(n, 1);
    for (int i = 0; i < n; ++i) lane_index.push_back(&lanes.emplace_back());
  }

  // Connections go to the lanes in turn. Only the accept loop calls these, and a turn is used up
  // only by a connection admitted: a lane whose accept found nothing waiting gets the next one
  // (when the turn moved on every try, clients arriving one at a time all landed on one lane).
  IoLane& NextLane() const { return *lane_index[next_lane % lane_index.size()]; }
  void LaneTaken() { ++next_lane; }

  void SessionEnded() {
    if (live.fetch_sub(1) == 1 && stopping) {
      std::lock_guard lock(mu);
      cv.notify_all();
    }
  }

  Response Finished(const Request& req, Response res) {
    try {
      handler->Finish(req, res);
    } catch (...) {
    }
    return res;
  }
  Response MakeError(const Request& req, int status, std::string_view code, std::string_view message,
                     bool finish = true) {
    Response res;
    try {
      res = handler->Error(status, code, message);
    } catch (...) {
      res.status = status;
      res.set_content(std::string(message), "text/plain");
    }
    res.status = status;
    if (status == 503) res.set_header("Retry-After", "1");
    return finish ? Finished(req, std::move(res)) : res;
  }

  Result<int> Listen(const std::string& host, int port);
  void RaiseFileLimit();
  awaitable<void> Accept();
  void Admit(IoLane& lane, tcp::socket sock);
  awaitable<void> RefuseConnection(tcp::socket sock);
  template <class Stream>
  awaitable<void> Serve(IoLane& lane, Stream stream, std::string addr, int port, bool is_tls);
  template <class T, class F>
  awaitable<std::optional<T>> OnWorker(F fn);
  void CloseIdle(bool everything);
};

// Runs fn on a worker and resumes the calling coroutine (on its own connection thread) with its
// result; when the queue is full, or the job waited too long, with nullopt instead (the caller
// then builds its 503: it is not made, nor logged, for the requests that never need it).
template <class T, class F>
awaitable<std::optional<T>> Server::Impl::OnWorker(F fn) {
  auto ex = co_await asio::this_coro::executor;
  co_return co_await asio::async_initiate<decltype(use_awaitable), void(std::optional<T>)>(
      [this, ex, &fn](auto completion) mutable {
        WorkerPool::Job job = [completion = std::move(completion), ex, fn = std::move(fn)](bool expired) mutable {
          std::optional<T> out;
          if (!expired) {
            try {
              out.emplace(fn());
            } catch (...) {
            }
          }
          asio::post(ex, [completion = std::move(completion), v = std::move(out)]() mutable {
            std::move(completion)(std::move(v));
          });
        };
        if (!pool->Submit(std::move(job))) job(true);
      },
      use_awaitable);
}

void Server::Impl::RaiseFileLimit() {
  // Each connection is one descriptor; the rest (database, log, files being served, the
  // listening socket, the connections refused above the cap) get a fixed reserve.
  const rlim_t reserve = 512 + static_cast<rlim_t>(limits.workers) * 4;
  const rlim_t want = static_cast<rlim_t>(limits.max_connections) + reserve;
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return;
  if (rl.rlim_cur < want) {
    rlimit raised = rl;
    raised.rlim_cur = want;
    if (raised.rlim_max != RLIM_INFINITY && raised.rlim_max < want) raised.rlim_max = want;  // root may
    if (setrlimit(RLIMIT_NOFILE, &raised) != 0) {
      raised = rl;
      raised.rlim_cur = rl.rlim_max;
      (void)setrlimit(RLIMIT_NOFILE, &raised);
    }
    (void)getrlimit(RLIMIT_NOFILE, &rl);
  }
  max_connections = limits.max_connections;
  if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want)
    max_connections = rl.rlim_cur > reserve ? static_cast<size_t>(rl.rlim_cur - reserve) : 16;
}

Result<int> Server::Impl::Listen(const std::string& host, int port) {
  if (tls_files) {
    try {
      tls = std::make_unique<ssl::context>(ssl::context::tls_server);
      tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
      tls->use_certificate_chain_file(tls_files->cert);
      tls->use_private_key_file(tls_files->key, ssl::context::pem);
    } catch (const std::exception& e) {
      return Fail(ErrorKind::kInternal, "tls_failed", std::string("TLS certificate or key could not be loaded: ") + e.what());
    }
  }
  RaiseFileLimit();
  beast::error_code ec;
  tcp::resolver resolver(lane_index[0]->ctx);
  auto found = resolver.resolve(host, std::to_string(port), tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  const std::string where = host + ":" + std::to_string(port);
  if (ec || found.empty()) return Fail(ErrorKind::kUnavailable, "bind_failed", "cannot listen on " + where + ": " + ec.message());
  const tcp::endpoint ep = found.begin()->endpoint();
  auto acc = std::make_unique<tcp::acceptor>(lane_index[0]->ctx);
  acc->open(ep.protocol(), ec);
  // SO_REUSEADDR only (restarts while old connections sit in TIME_WAIT); never SO_REUSEPORT, so
  // a second server on a port that is listened on fails here instead of sharing it silently.
  if (!ec) acc->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acc->bind(ep, ec);
  if (!ec) acc->listen(limits.backlog, ec);
  if (ec) {
    const std::string why = ec == asio::error::address_in_use
                                ? "the address is already in use (is another server running on this port?)"
                                : ec.message();
    return Fail(ErrorKind::kUnavailable, "bind_failed", "cannot listen on " + where + ": " + why);
  }
  const int bound = acc->local_endpoint().port();
  acceptor = std::move(acc);
  pool = std::make_unique<WorkerPool>(limits.workers, limits.queue_max, limits.queue_wait);
  {
    Response busy = MakeError(Request{}, 503, "server_busy", "too many connections; retry shortly", false);
    busy_body = Serialize(busy, false, false) + busy.body;
  }
  return bound;
}

void Server::Impl::Admit(IoLane& lane, tcp::socket sock) {
  beast::error_code ec;
  sock.set_option(tcp::no_delay(true), ec);
  const auto peer = sock.remote_endpoint(ec);
  if (ec) return;  // already gone
  if (live.load() >= max_connections) {
    refused.fetch_add(1, std::memory_order_relaxed);
    // A fast fixed 503 (plain HTTP only: a TLS client would need the handshake first), and
    // only for a bounded number at once; beyond that the connection is just closed.
    if (!tls && rejecting.load() < 512) {
      rejecting.fetch_add(1);
      auto ex = sock.get_executor();
      asio::co_spawn(ex, RefuseConnection(std::move(sock)), asio::detached);
    }
    return;
  }
  live.fetch_add(1);
  std::string addr = peer.address().to_string();
  if (addr.rfind("::ffff:", 0) == 0) addr = addr.substr(7);
  if (tls) {
    beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(sock)), *tls);
    asio::co_spawn(lane.ctx, Serve(lane, std::move(stream), std::move(addr), peer.port(), true), asio::detached);
  } else {
    asio::co_spawn(lane.ctx, Serve(lane, beast::tcp_stream(std::move(sock)), std::move(addr), peer.port(), false),
                   asio::detached);
  }
}

awaitable<void> Server::Impl::Accept() {
  asio::steady_timer backoff(lane_index[0]->ctx);
  beast::error_code ec;
  acceptor->non_blocking(true, ec);
  for (;;) {
    IoLane& lane = NextLane();
    tcp::socket sock = co_await acceptor->async_accept(lane.ctx, NoThrow(ec));
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted || !acceptor->is_open()) co_return;
      // Out of descriptors or buffers: wait a moment rather than spin on the same error.
      backoff.expires_after(std::chrono::milliseconds(50));
      co_await backoff.async_wait(NoThrow(ec));
      continue;
    }
    if (stopping) co_return;
    LaneTaken();
    Admit(lane, std::move(sock));
    // Then everything else already waiting, at once: a burst of connections (1,000 clients
    // starting together) is taken in one go instead of one per turn of this busy thread, so
    // none waits in the kernel's queue while the connections before it are being served.
    for (int n = 0; n < 4096 && !stopping; ++n) {
      IoLane& next = NextLane();
      tcp::socket more = acceptor->accept(next.ctx, ec);
      if (ec) break;  // would_block: the queue is empty (other errors: the async accept reports them)
      LaneTaken();
      Admit(next, std::move(more));
    }
  }
}

awaitable<void> Server::Impl::RefuseConnection(tcp::socket sock) {
  beast::tcp_stream s(std::move(sock));
  s.expires_after(std::chrono::seconds(2));
  beast::error_code ec;
  co_await asio::async_write(s, asio::buffer(busy_body), NoThrow(ec));
  // Read what the client sent until it closes (or the deadline), so it is not reset before it
  // reads the 503.
  if (!ec) {
    s.socket().shutdown(tcp::socket::shutdown_send, ec);
    char sink[4096];
    for (size_t total = 0; total < (64u << 10);) {
      const size_t n = co_await s.async_read_some(asio::buffer(sink), NoThrow(ec));
      if (ec) break;
      total += n;
    }
  }
  s.close();
  rejecting.fetch_sub(1);
}

// After a refusal whose body was left unread: stop sending, then read and discard for a short
// while so the client is not reset before it reads the answer (a reset drops what it has not read).
template <class Stream>
awaitable<void> Linger(Stream& s, beast::flat_buffer& buf, const Limits& l) {
  beast::error_code ec;
  Lowest(s).socket().shutdown(tcp::socket::shutdown_send, ec);
  Lowest(s).expires_after(l.linger_timeout);
  size_t discarded = 0;
  while (discarded < l.linger_bytes) {
    buf.consume(buf.size());
    const size_t n = co_await Lowest(s).async_read_some(buf.prepare(16 << 10), NoThrow(ec));
    if (ec) break;
    discarded += n;
  }
}

template <class Stream, class Parser>
awaitable<beast::error_code> ReadBody(Stream& s, beast::flat_buffer& buf, Parser& p, const Limits& l) {
  // The body must keep coming: after a grace period, at least min_body_rate bytes per second on
  // average. A client trickling a byte at a time is dropped, whatever the body's size.
  const auto start = Clock::now();
  const double rate = static_cast<double>(std::max<size_t>(l.min_body_rate, 1));
  uint64_t got = 0;
  beast::error_code ec;
  while (!p.is_done()) {
    const auto due = start + l.body_grace +
                     std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>((got + 1) / rate));
    Lowest(s).expires_at(due);
    const size_t n = co_await bhttp::async_read_some(s, buf, p, NoThrow(ec));
    if (ec) co_return ec;
    got += n;
  }
  co_return ec;
}

template <class Stream>
awaitable<void> Server::Impl::Serve(IoLane& lane, Stream stream, std::string addr, int port, bool is_tls) {
  Session self;
  self.cancel = [&stream] {
    beast::error_code ec;
    Lowest(stream).socket().cancel(ec);
  };
  lane.sessions.insert(&self);
  lane.open.fetch_add(1, std::memory_order_relaxed);
  struct Guard {
    Impl* impl;
    IoLane* lane;
    Session* self;
    ~Guard() {
      lane->sessions.erase(self);
      lane->open.fetch_sub(1, std::memory_order_relaxed);
      impl->SessionEnded();
    }
  } guard{this, &lane, &self};

  beast::error_code ec;
  beast::flat_buffer buf;
  const auto connected = Clock::now();
  if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
    Lowest(stream).expires_after(limits.header_timeout);
    co_await stream.async_handshake(ssl::stream_base::server, NoThrow(ec));
    if (ec) co_return;
  }

  int served = 0;
  bool linger = false;
  for (;;) {
    // ---- wait for the next request (keep-alive idle), unless it is already buffered ----
    if (buf.size() == 0) {
      self.state = Session::State::kIdle;
      if (stopping || self.closing) break;
      if (served == 0) Lowest(stream).expires_at(connected + limits.header_timeout);
      else Lowest(stream).expires_after(limits.idle_timeout);
      const size_t n = co_await stream.async_read_some(buf.prepare(8192), NoThrow(ec));
      if (ec) break;
      buf.commit(n);
    }
    // ---- the head, within its deadline ----
    self.state = Session::State::kHead;
    if (served > 0) Lowest(stream).expires_after(limits.header_timeout);
    bhttp::request_parser<bhttp::empty_body> hp;
    hp.header_limit(static_cast<std::uint32_t>(std::min<size_t>(limits.max_header_bytes, UINT32_MAX)));
    hp.body_limit(std::numeric_limits<std::uint64_t>::max());  // limits are by route, below
    co_await bhttp::async_read_header(stream, buf, hp, NoThrow(ec));
    Request req;
    req.remote_addr = addr;
    req.remote_port = port;
    req.tls = is_tls;
    Response res;
    bool keep_alive = false;
    bool body_unread = false;
    bool answered = false;
    if (ec) {
      // A malformed or over-long head is answered; a client that went away, stalled past the
      // deadline or closed mid-head is just dropped.
      const bool parse_error = ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
                               ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message &&
                               ec != bhttp::error::need_more && ec != bhttp::error::buffer_overflow;
      if (!parse_error) break;
      res = ec == bhttp::error::header_limit
                ? MakeError(req, 431, "header_too_large", "the request head exceeds the size limit")
                : MakeError(req, 400, "bad_request", "malformed HTTP request");
      body_unread = true;
      answered = true;
    }
    if (!answered) {
      auto& h = hp.get();
      req.method = std::string(h.method_string());
      req.target = std::string(h.target());
      req.version = static_cast<int>(h.version());
      req.headers.reserve(16);
      for (const auto& f : h) req.headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
      keep_alive = hp.keep_alive();
      const bool has_body = !hp.is_done();
      const auto declared = hp.content_length();
      if (!SplitTarget(req.target, &req.path, &req.params)) {
        res = MakeError(req, 400, "bad_request", "the request target must be a path");
        body_unread = true;  // and close: a client sending such a target is not one to keep
        answered = true;
      }
      Plan plan;
      if (!answered) {
        try {
          plan = handler->Route(req);
        } catch (...) {
          res = MakeError(req, 500, "internal", "internal error; the request changed nothing");
          body_unread = has_body;
          answered = true;
        }
      }
      if (!answered && plan.kind == Plan::Kind::kRespond) {
        res = Finished(req, std::move(plan.response));
        body_unread = has_body;  // an immediate answer never reads a body
        answered = true;
      }
      size_t max_body = plan.max_body;
      if (!answered && plan.admit) {
        self.state = Session::State::kBusy;
        struct Admitted {
          std::optional<Response> refusal;
          size_t max_body;
        };
        std::optional<Admitted> admitted = co_await OnWorker<Admitted>(
            [&]() -> Admitted {
              size_t m = max_body;
              std::optional<Response> refusal;
              try {
                refusal = plan.admit(req, &m);
              } catch (...) {
                refusal = handler->Error(500, "internal", "internal error; the request changed nothing");
              }
              if (refusal) *refusal = Finished(req, std::move(*refusal));
              return Admitted{std::move(refusal), m};
            });
        Admitted a = admitted ? std::move(*admitted)
                              : Admitted{MakeError(req, 503, "server_busy", "the server is busy; retry shortly"), max_body};
        if (a.refusal) {
          res = std::move(*a.refusal);
          body_unread = has_body;
          answered = true;
        }
        max_body = a.max_body;
      }
      if (!answered && has_body && declared && *declared > max_body) {
        res = MakeError(req, 413, "body_too_large", "request body exceeds the size limit");
        body_unread = true;
        answered = true;
      }
      std::string body_file;
      if (!answered && has_body) {
        // The client waits for our word before sending a large body (curl does): give it.
        if (IEquals(req.get_header_value("Expect"), "100-continue") && req.version >= 11) {
          static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
          Lowest(stream).expires_after(limits.write_timeout);
          co_await asio::async_write(stream, asio::buffer(kContinue.data(), kContinue.size()), NoThrow(ec));
          if (ec) break;
        }
        self.state = Session::State::kBody;
        if (!plan.body_dir.empty()) {
          body_file = (std::filesystem::path(plan.body_dir) / (".upload-" + RandomName())).string();
          const int fd = ::open(body_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
          if (fd < 0) {
            body_file.clear();
            res = MakeError(req, 503, "upload_unavailable", "the upload cannot be stored now");
            body_unread = true;
            answered = true;
          } else {
            bhttp::request_parser<bhttp::file_body> fp(std::move(hp));
            fp.body_limit(max_body);
            beast::file f;
            f.native_handle(fd);
            fp.get().body().reset(std::move(f), ec);
            if (!ec) ec = co_await ReadBody(stream, buf, fp, limits);
            beast::error_code closed;
            fp.get().body().file().close(closed);
            req.body_file = body_file;
          }
        } else {
          bhttp::request_parser<bhttp::string_body> sp(std::move(hp));
          sp.body_limit(max_body);
          if (declared) sp.get().body().reserve(static_cast<size_t>(*declared));
          ec = co_await ReadBody(stream, buf, sp, limits);
          if (!ec) req.body = std::move(sp.get().body());
        }
        if (!answered && ec) {
          std::error_code rm;
          if (!body_file.empty()) std::filesystem::remove(body_file, rm);
          if (ec != bhttp::error::body_limit) break;  // timeout, reset, malformed chunking: drop
          res = MakeError(req, 413, "body_too_large", "request body exceeds the size limit");
          body_unread = true;
          answered = true;
        }
      }
      if (!answered) {
        self.state = Session::State::kBusy;
        std::optional<Response> done = co_await OnWorker<Response>(
            [&]() -> Response {
              Response out;
              try {
                out = plan.handle(req);
              } catch (...) {
                out = handler->Error(500, "internal", "internal error; the request changed nothing");
              }
              return Finished(req, std::move(out));
            });
        res = done ? std::move(*done) : MakeError(req, 503, "server_busy", "the server is busy; retry shortly");
        if (!body_file.empty()) {
          std::error_code rm;
          std::filesystem::remove(body_file, rm);  // unless the handler moved it away
        }
      }
    }
    // ---- the answer ----
    ++served;
    if (body_unread) keep_alive = false;
    if (stopping || self.closing || served >= limits.max_requests_per_connection) keep_alive = false;
    self.state = Session::State::kWriting;
    const bool head_only = req.method == "HEAD";
    const std::string head = Serialize(res, keep_alive, req.version == 10);
    Lowest(stream).expires_after(limits.write_timeout);
    if (head_only || HasNoBody(res.status)) {
      co_await asio::async_write(stream, asio::buffer(head), NoThrow(ec));
    } else if (!res.body_file.empty()) {
      // A file body (an export): the head, then the file in pieces, each within the write timeout.
      co_await asio::async_write(stream, asio::buffer(head), NoThrow(ec));
      std::FILE* f = ec ? nullptr : std::fopen(res.body_file.c_str(), "rb");
      if (!ec && f == nullptr) ec = asio::error::not_found;  // the length was sent: the client must not wait
      std::vector<char> piece(64 << 10);
      while (f != nullptr && !ec) {
        const size_t n = std::fread(piece.data(), 1, piece.size(), f);
        if (n == 0) break;
        Lowest(stream).expires_after(limits.write_timeout);
        co_await asio::async_write(stream, asio::buffer(piece.data(), n), NoThrow(ec));
      }
      if (f != nullptr) std::fclose(f);
      res.body_file_owner.reset();  // the file goes as soon as it is sent
    } else {
      const std::array<asio::const_buffer, 2> bufs{asio::buffer(head), asio::buffer(res.body)};
      co_await asio::async_write(stream, bufs, NoThrow(ec));
    }
    if (ec) break;
    if (!keep_alive) {
      linger = body_unread;
      break;
    }
  }
  // ---- close ----
  self.state = Session::State::kWriting;
  if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
    if (linger && !ec) co_await Linger(stream, buf, limits);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream.close();
  } else {
    if (!ec) {
      Lowest(stream).expires_after(std::chrono::seconds(1));
      co_await stream.async_shutdown(NoThrow(ec));
    }
    Lowest(stream).close();
  }
}

// Closes the connections that are not in the middle of a request (waiting for one, or reading
// its head); with `everything`, all of them. Posted to each lane, run on its thread.
void Server::Impl::CloseIdle(bool everything) {
  for (IoLane* lane : lane_index) {
    asio::post(lane->ctx, [lane, everything] {
      for (Session* s : lane->sessions) {
        s->closing = true;
        if (everything || s->state == Session::State::kIdle || s->state == Session::State::kHead ||
            s->state == Session::State::kHandshake)
          s->cancel();
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------

Server::Server(Handler* handler, Limits limits, std::optional<TlsFiles> tls)
    : impl_(std::make_unique<Impl>(handler, limits, std::move(tls))) {}

Server::~Server() {
  Stop();
  // Run() was never called (or has returned): nothing runs; the lanes' destructors free what is left.
  if (impl_->pool) impl_->pool->Shutdown();
}

Result<int> Server::Listen(const std::string& host, int port) { return impl_->Listen(host, port); }

Status Server::Run() {
  Impl& m = *impl_;
  if (!m.acceptor) return Fail(ErrorKind::kInternal, "not_listening", "Run() before Listen()");
  {
    std::lock_guard lock(m.mu);
    if (m.running) return Fail(ErrorKind::kInternal, "already_running", "the server is already running");
    m.running = true;
  }
  using Guard = asio::executor_work_guard<asio::io_context::executor_type>;
  std::vector<Guard> guards;
  for (IoLane* lane : m.lane_index) guards.emplace_back(lane->ctx.get_executor());
  asio::co_spawn(m.lane_index[0]->ctx, m.Accept(), asio::detached);
  for (IoLane* lane : m.lane_index)
    m.threads.emplace_back([lane] {
      NameThisThread("srm-io");
      // A handler that throws must not end the process: say so and keep serving the others
      // (io_context::run may be called again after an exception without restart()).
      for (;;) {
        try {
          lane->ctx.run();
          return;
        } catch (const std::exception& e) {
          std::fprintf(stderr, "{\"msg\":\"http io thread: handler failed\",\"detail\":\"%s\"}\n",
                       std::string(e.what()).substr(0, 200).c_str());
        } catch (...) {
          std::fprintf(stderr, "{\"msg\":\"http io thread: handler failed\"}\n");
        }
      }
    });

  std::unique_lock lock(m.mu);
  m.cv.wait(lock, [&] { return m.stop_requested; });
  lock.unlock();
  // Stop accepting; close the connections that wait; let requests being answered finish.
  m.stopping = true;
  asio::post(m.lane_index[0]->ctx, [&m] {
    beast::error_code ec;
    m.acceptor->close(ec);
  });
  m.CloseIdle(false);
  lock.lock();
  const bool drained = m.cv.wait_for(lock, m.limits.drain_timeout, [&] { return m.live.load() == 0; });
  lock.unlock();
  if (!drained) {
    m.CloseIdle(true);
    lock.lock();
    m.cv.wait_for(lock, std::chrono::seconds(2), [&] { return m.live.load() == 0; });
    lock.unlock();
  }
  m.pool->Shutdown();  // what is still queued runs; its answers are posted to lanes still running
  for (auto& g : guards) g.reset();
  // Connections refused above the cap finish within their 1 s write deadline.
  for (IoLane* lane : m.lane_index) lane->ctx.stop();
  for (auto& t : m.threads) t.join();
  m.threads.clear();
  return {};
}

void Server::Stop() {
  std::lock_guard lock(impl_->mu);
  impl_->stop_requested = true;
  impl_->stopping = true;
  impl_->cv.notify_all();
}

Server::Stats Server::stats() const {
  Stats s;
  s.connections = impl_->live.load();
  s.queued = impl_->pool ? impl_->pool->queued() : 0;
  s.busy_workers = impl_->pool ? impl_->pool->busy() : 0;
  s.refused_connections = impl_->refused.load();
  s.max_connections = impl_->max_connections;
  for (const IoLane* lane : impl_->lane_index) s.connections_by_thread.push_back(lane->open.load(std::memory_order_relaxed));
  return s;
}

}  // namespace srm::api::http
