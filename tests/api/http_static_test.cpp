// The transport's pieces without sockets: target decoding and the static files of the web UI.
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "api/http/message.h"
#include "api/http/static_files.h"

namespace srm::api::http {
namespace {

TEST(HttpMessage, TargetsAreSplitAndDecoded) {
  std::string path;
  Fields params;
  ASSERT_TRUE(SplitTarget("/api/v1/x%20y/%2e%2e?a=1&b=x+y%26z&flag&a=2", &path, &params));
  EXPECT_EQ(path, "/api/v1/x y/..");
  ASSERT_EQ(params.size(), 4u);
  EXPECT_EQ(params[1], (std::pair<std::string, std::string>{"b", "x y&z"}));
  EXPECT_EQ(params[2], (std::pair<std::string, std::string>{"flag", ""}));
  Request r;
  r.params = params;
  EXPECT_EQ(r.get_param_value("a"), "1") << "the first value";
  EXPECT_TRUE(r.has_param("flag"));
  EXPECT_FALSE(r.has_param("c"));
  ASSERT_TRUE(SplitTarget("/a+b%00c%zz%4", &path, &params));
  EXPECT_EQ(path, std::string("/a+b\0c%zz%4", 11)) << "'+' stays in a path, NUL decoded for the edge check to refuse";
  EXPECT_FALSE(SplitTarget("http://host/x", &path, &params));
  EXPECT_FALSE(SplitTarget("*", &path, &params));
  EXPECT_FALSE(SplitTarget("", &path, &params));
}

TEST(HttpMessage, HeadersAreCaseInsensitiveAndContentTypeIsItsOwnField) {
  Request r;
  r.headers = {{"content-TYPE", "text/csv"}, {"X-A", "1"}, {"x-a", "2"}};
  EXPECT_EQ(r.get_header_value("Content-Type"), "text/csv");
  EXPECT_EQ(r.get_header_value("X-A"), "1");
  Response res;
  res.set_header("X-Request-Id", "a");
  res.set_header("x-request-id", "b");
  res.add_header("Set-Cookie", "1");
  res.add_header("Set-Cookie", "2");
  res.set_header("Content-Type", "application/json");
  EXPECT_EQ(res.get_header_value("X-Request-Id"), "b");
  EXPECT_EQ(res.headers.size(), 3u);
  EXPECT_EQ(res.content_type, "application/json");
}

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() / ("srm-static-" + std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_ / "web" / "assets");
    Write("web/index.html", "<!doctype html>home");
    Write("web/assets/app.js", "console.log(1)");
    Write("web/assets/app.js.br", "BR");
    Write("web/assets/app.js.gz", "GZ");
    Write("secret.txt", "outside");
    std::filesystem::create_symlink(root_ / "secret.txt", root_ / "web" / "link.txt");
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  void Write(const std::string& rel, const std::string& body) { std::ofstream(root_ / rel) << body; }
  static Request Get(const std::string& path, Fields headers = {}) {
    Request r;
    r.method = "GET";
    r.path = path;
    r.headers = std::move(headers);
    return r;
  }
  std::filesystem::path root_;
};

TEST_F(StaticFilesTest, ServesFilesWithAnETagAndAnswers304WhenItMatches) {
  StaticFiles files((root_ / "web").string());
  auto home = files.Serve(Get("/"));
  ASSERT_TRUE(home);
  EXPECT_EQ(home->status, 200);
  EXPECT_EQ(home->body, "<!doctype html>home");
  EXPECT_EQ(home->content_type, "text/html");
  const std::string etag = home->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = files.Serve(Get("/index.html", {{"If-None-Match", etag}}));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  auto other = files.Serve(Get("/index.html", {{"If-None-Match", "\"nope\", W/" + etag}}));
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 304) << "a list, weak comparison";
  Write("web/index.html", "<!doctype html>changed");
  auto changed = files.Serve(Get("/index.html", {{"If-None-Match", etag}}));
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 200) << "a changed file has a new tag";
}

TEST_F(StaticFilesTest, PrecompressedVariantsByAcceptEncoding) {
  StaticFiles files((root_ / "web").string());
  auto br = files.Serve(Get("/assets/app.js", {{"Accept-Encoding", "gzip, deflate, br"}}));
  ASSERT_TRUE(br);
  EXPECT_EQ(br->body, "BR");
  EXPECT_EQ(br->get_header_value("Content-Encoding"), "br");
  EXPECT_EQ(br->content_type, "text/javascript");
  EXPECT_EQ(br->get_header_value("Vary"), "Accept-Encoding");
  auto gz = files.Serve(Get("/assets/app.js", {{"Accept-Encoding", "gzip, br;q=0"}}));
  ASSERT_TRUE(gz);
  EXPECT_EQ(gz->body, "GZ");
  EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip");
  EXPECT_NE(gz->get_header_value("ETag"), br->get_header_value("ETag"));
  auto plain = files.Serve(Get("/assets/app.js"));
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->body, "console.log(1)");
  EXPECT_FALSE(plain->has_header("Content-Encoding"));
}

TEST_F(StaticFilesTest, NothingOutsideTheDirectory) {
  StaticFiles files((root_ / "web").string());
  for (const std::string p : {"/../secret.txt", "/assets/../../secret.txt", "/link.txt", "/assets/./app.js",
                              "/assets", "/missing.js", "/index.html\\..\\x"})
    EXPECT_FALSE(files.Serve(Get(p))) << p;
  EXPECT_FALSE(files.Serve(Get(std::string("/index.html\0.png", 16)))) << "NUL";
  EXPECT_FALSE(StaticFiles("").Serve(Get("/index.html")));
}

}  // namespace
}  // namespace srm::api::http
