// Names the calling thread as `top -H`, `ps -L`, gdb and /proc/<pid>/task/*/comm show it, so the
// CPU a server spends can be told apart by role (connection threads, request workers, the access
// log's writer...). The kernel keeps at most 15 bytes: a longer name is cut there.
#pragma once

#include <string_view>

namespace srm {

void NameThisThread(std::string_view name);

}  // namespace srm
