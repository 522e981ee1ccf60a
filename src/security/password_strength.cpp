#include "security/password_strength.h"

#include <zxcvbn.h>

#include <algorithm>
#include <cctype>

namespace srm::security {

double PasswordEntropyBits(std::string_view password, const std::vector<std::string>& user_words) {
  // zxcvbn reads a C string: a NUL ends the password there, which can only lower the estimate.
  const std::string text(password.substr(0, password.find('\0')));
  std::vector<std::string> words;
  for (const std::string& word : user_words) {
    std::string lower(word.substr(0, word.find('\0')));
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower.size() >= 2) words.push_back(std::move(lower));
  }
  std::vector<const char*> dictionary;
  for (const std::string& word : words) dictionary.push_back(word.c_str());
  dictionary.push_back(nullptr);
  return ZxcvbnMatch(text.c_str(), dictionary.data(), nullptr);
}

}  // namespace srm::security
