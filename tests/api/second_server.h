// A second API server over the same database as a TestServer (its SQLite file, or its PostgreSQL
// database): another `srm serve` behind the same load balancer, in process. Tests of what several
// servers share (the fund's balance, names after a rename) send requests to both; the bearer
// tokens of one work on the other (sessions are in the database).
#pragma once

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "test_server.h"

namespace srm::testing {

class SecondServer {
 public:
  explicit SecondServer(TestServer& s) {
    server::Config cfg = s.config();
    dir_ = s.dir().string() + "-second";
    std::filesystem::create_directories(dir_);
    if (cfg.db.empty()) cfg.db = "sqlite:" + (s.dir() / "srm.db").string();
    cfg.data_dir = dir_;
    auto app = server::OpenApp(cfg);
    if (!app) throw std::runtime_error("OpenApp: " + app.error().message);
    app_ = std::move(*app);
    api::ApiOptions opts;
    opts.threads = 8;
    opts.access_log = false;
    server_ = std::make_unique<api::ApiServer>(
        server::WithEvidence(*app_, api::ApiDeps{app_->store.get(), app_->auth.get(), app_->sras.get(),
                                                 app_->admin.get(), app_->methods.get(), &app_->clock,
                                                 app_->decisions.get()}),
        opts);
    auto port = server_->Bind("127.0.0.1", 0);
    if (!port) throw std::runtime_error("Bind: " + port.error().message);
    port_ = *port;
    thread_ = std::thread([this] { (void)server_->Serve(); });
  }
  ~SecondServer() {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    app_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    std::filesystem::remove_all(dir_ + "-audit", ec);
  }
  int port() const { return port_; }

  // A JSON request to this server with a bearer token, its answer checked against the OpenAPI
  // document as TestServer::Call does.
  HttpResult Call(const std::string& method, const std::string& path, const json& body, const std::string& token) {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(30);
    const std::string text = body.is_null() ? std::string() : body.dump();
    const httplib::Headers headers = TestServer::Auth(token);
    auto r = method == "GET"    ? c.Get(path, headers)
             : method == "POST" ? c.Post(path, headers, text, "application/json")
             : method == "PUT"  ? c.Put(path, headers, text, "application/json")
                                : c.Delete(path, headers, text, "application/json");
    HttpResult out = TestServer::ResultOf(r);
    TestServer::CheckAgainstDocument(method, path, out);
    return out;
  }

 private:
  std::string dir_;
  std::unique_ptr<server::App> app_;
  std::unique_ptr<api::ApiServer> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace srm::testing
