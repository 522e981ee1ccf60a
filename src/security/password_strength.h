// Password strength as zxcvbn estimates it (Debian's libzxcvbn, the C port of Dropbox's zxcvbn):
// the entropy in bits of the cheapest way to build the password from dictionary words, names,
// keyboard patterns, repeats, sequences, dates and l33t substitutions. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace srm::security {

// Estimated entropy of the password in bits. `user_words` (the username, the display name and
// its words) count as especially guessable, like dictionary words.
double PasswordEntropyBits(std::string_view password, const std::vector<std::string>& user_words);

}  // namespace srm::security
