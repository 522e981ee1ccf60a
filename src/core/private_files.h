// Files only the server's own user can read: a directory 0700 and files 0600, whatever the
// process umask. For uploads waiting for their job, backups and anything else srm writes beside
// its database.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace srm {

// Creates `dir` (and its parents) when missing and sets it to 0700. Refuses a symbolic link.
Status EnsurePrivateDirectory(const std::string& dir);

// Writes `bytes` to a new file in `dir` named <prefix><random hex><suffix>, created 0600 (never
// over an existing file, never through a symbolic link); returns its path. The file is removed
// again when the write fails.
Result<std::string> WritePrivateFile(const std::string& dir, std::string_view prefix, std::string_view suffix,
                                     std::string_view bytes);

// Sets an existing file to 0600 (ok when it does not exist).
Status RestrictToOwner(const std::string& path);

// Before a database file is opened for writing: creates it empty 0600 when missing (so the
// database library, which copies the file's mode to its -wal, -shm and -journal files, never
// makes them readable by others), or sets an existing one and those companions to 0600 where the
// process may (best effort: another user's file is left as it is). Paths
// that are not plain files (":memory:", "file:" URIs, "") are left alone.
Status PrepareOwnerOnlyDatabase(const std::string& path);

}  // namespace srm
