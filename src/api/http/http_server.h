// The HTTP/1.1 transport: Boost.Beast's parser on Boost.Asio, OpenSSL through asio::ssl.
//
// Threads: one io_context thread per core owns the connections (accepting, reading request
// heads and bodies, writing answers, every timeout). Nothing on those threads blocks: what
// does (route handlers waiting on SQLite or libpq) runs on a bounded worker pool, whose full
// queue answers 503 with Retry-After. Answers that need no database (/healthz, static files,
// 404s) are made on the connection threads and so never wait behind the workers.
//
// Limits (docs/http-server.md): a deadline for the request head, a minimum body rate, a
// keep-alive idle timeout, a maximum of requests per connection, a global connection cap
// answered with a fast 503, body limits by route checked from Content-Length before the body
// is read (and a check that runs on a worker, e.g. authentication, before it is read).
// The library stays inside http_server.cpp: this header names none of its types.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/http/message.h"
#include "core/result.h"

namespace srm::api::http {

using std::chrono::milliseconds;

struct Limits {
  int io_threads = 0;                        // connection threads; 0: one per core
  int workers = 16;                          // threads for route handlers
  size_t queue_max = 1024;                   // requests waiting for a worker; beyond: 503 at once
  milliseconds queue_wait{5000};             // a request that waited longer for a worker: 503
  size_t max_connections = 10000;            // open connections, all clients together; beyond: 503
  int backlog = 1024;                        // listen(2) backlog
  milliseconds header_timeout{10000};        // from a request's first byte to the end of its head
  milliseconds idle_timeout{15000};          // keep-alive: waiting for the next request
  milliseconds body_grace{10000};            // a body may start slowly...
  size_t min_body_rate = 1024;               // ...but must then arrive at >= this many bytes/s
  milliseconds write_timeout{30000};         // a client must take its answer within this
  int max_requests_per_connection = 1000;    // then the connection is closed after the answer
  size_t max_header_bytes = 16 << 10;        // request line + header fields
  milliseconds drain_timeout{30000};         // Stop(): longest wait for in-flight requests
  size_t linger_bytes = 1 << 20;             // after refusing a body unread: discard at most this...
  milliseconds linger_timeout{2000};         // ...for at most this long, so the client reads the answer
};

struct TlsFiles {
  std::string cert, key;  // PEM files
};

// What the transport does with a request whose head has arrived.
struct Plan {
  enum class Kind { kRespond, kWork };
  Kind kind = Kind::kWork;
  Response response;  // kRespond: the answer, made at once on the connection thread
  // kWork: the largest body accepted; a larger Content-Length is refused (413) before reading.
  size_t max_body = 0;
  // Non-empty: the body is streamed to a new private (0600) file in this directory as it
  // arrives, never held whole in memory; Request::body_file names it. The file is removed after
  // the request unless the handler moved it away.
  std::string body_dir;
  // Optional, on a worker before the body is read (authentication): a Response refuses the
  // request and the body is never read. It may raise max_body (an authenticated upload).
  std::function<std::optional<Response>(Request&, size_t* max_body)> admit;
  // On a worker, with the body.
  std::function<Response(Request&)> handle;
};

class Handler {
 public:
  virtual ~Handler() = default;
  // On a connection thread, with the request head (no body yet). Must not block.
  virtual Plan Route(Request& head) = 0;
  // A response the transport makes itself: 400 malformed, 413 too large, 503 busy.
  virtual Response Error(int status, std::string_view code, std::string_view message) = 0;
  // Every response, just before it is written (on any thread): headers every answer carries,
  // the access log. req may be only partly filled when the request could not be parsed.
  virtual void Finish(const Request& req, Response& res) = 0;
};

class Server {
 public:
  // handler must outlive the server.
  Server(Handler* handler, Limits limits, std::optional<TlsFiles> tls = std::nullopt);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Loads the TLS files, raises RLIMIT_NOFILE for the connection cap, binds and listens
  // (port 0 picks a free port). A port another socket listens on is refused (no SO_REUSEPORT).
  Result<int> Listen(const std::string& host, int port);
  // Serves until Stop(), then lets in-flight requests finish (at most drain_timeout) and returns.
  Status Run();
  // From any thread; idempotent. Stops accepting, closes idle connections, lets requests that
  // are being answered finish.
  void Stop();

  struct Stats {
    size_t connections = 0;      // open, counted against max_connections
    size_t queued = 0;           // requests waiting for a worker
    size_t busy_workers = 0;
    size_t refused_connections = 0;  // answered 503 for the cap (since start)
    size_t max_connections = 0;  // the cap in force (lowered if RLIMIT_NOFILE could not be raised)
    std::vector<size_t> connections_by_thread;  // open connections served by each connection thread
  };
  Stats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace srm::api::http
