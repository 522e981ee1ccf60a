#include "core/thread_name.h"

#include <pthread.h>

#include <string>

namespace srm {

void NameThisThread(std::string_view name) {
  // pthread_setname_np refuses (ERANGE) a name over 15 bytes instead of cutting it.
  const std::string kept(name.substr(0, 15));
  pthread_setname_np(pthread_self(), kept.c_str());
}

}  // namespace srm
