// The ceiling for bench/http.sh: the same HTTP library, configured as srm configures it,
// answering a fixed body of a given size with no work at all. srm's figure is read against it.
#include <httplib.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: http_ceiling PORT BODY_BYTES [THREADS]\n";
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const std::string body(static_cast<size_t>(std::atol(argv[2])), 'x');
  const int threads = argc > 3 ? std::atoi(argv[3]) : 96;
  httplib::Server svr;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  svr.set_keep_alive_max_count(10000);
  svr.set_keep_alive_timeout(10);
  svr.set_tcp_nodelay(true);
  svr.Get(R"(/api/v1/sras/([A-Za-z0-9_\-]{1,64}))", [&](const httplib::Request&, httplib::Response& res) {
    res.set_content(body, "application/json");
  });
  std::signal(SIGPIPE, SIG_IGN);
  return svr.listen("127.0.0.1", port) ? 0 : 1;
}
