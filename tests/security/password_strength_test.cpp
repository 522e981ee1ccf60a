// security/password_strength.h: zxcvbn's estimate, with the user's own words as a dictionary.
#include "security/password_strength.h"

#include <gtest/gtest.h>

namespace srm::security {
namespace {

TEST(PasswordStrengthTest, GuessablePasswordsScoreLow) {
  for (const char* weak : {"password12", "password1234", "qwertyuiop12", "aaaaaaaaaaaa", "demodemodemo"})
    EXPECT_LT(PasswordEntropyBits(weak, {}), 28) << weak;
}

TEST(PasswordStrengthTest, PhrasesOfUnrelatedWordsScoreHigh) {
  for (const char* strong : {"correct horse battery", "a-long-password-1", "maple river lantern"})
    EXPECT_GE(PasswordEntropyBits(strong, {}), 28) << strong;
}

TEST(PasswordStrengthTest, TheUsersOwnWordsCountAsGuessable) {
  const double alone = PasswordEntropyBits("Okonkwo-Adaeze", {});
  const double with_names = PasswordEntropyBits("Okonkwo-Adaeze", {"aokonkwo", "Adaeze", "Okonkwo"});
  EXPECT_GE(alone, 28);
  EXPECT_LT(with_names, 28);
  EXPECT_LT(with_names, alone);
}

TEST(PasswordStrengthTest, ANulEndsThePasswordThereOnlyLoweringTheEstimate) {
  const std::string with_nul("ab\0correct horse battery", 24);
  EXPECT_LT(PasswordEntropyBits(with_nul, {}), 28);
}

}  // namespace
}  // namespace srm::security
