#include "core/thread_name.h"

#include <unistd.h>
#include <sys/syscall.h>

#include <fstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>

namespace srm {
namespace {

std::string NameSeenByTheKernel(pid_t tid) {
  std::ifstream comm("/proc/self/task/" + std::to_string(tid) + "/comm");
  std::string name;
  std::getline(comm, name);
  return name;
}

std::string NameOfANewThreadNamed(std::string_view name) {
  std::string seen;
  std::thread t([&] {
    NameThisThread(name);
    seen = NameSeenByTheKernel(static_cast<pid_t>(syscall(SYS_gettid)));
  });
  t.join();
  return seen;
}

TEST(ThreadName, TheKernelShowsTheName) { EXPECT_EQ(NameOfANewThreadNamed("srm-worker"), "srm-worker"); }

TEST(ThreadName, ALongNameIsCutAtFifteenBytesInsteadOfRefused) {
  EXPECT_EQ(NameOfANewThreadNamed("srm-a-name-longer-than-the-kernel-keeps"), "srm-a-name-long");
}

}  // namespace
}  // namespace srm
