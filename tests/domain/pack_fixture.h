// Shared helpers for the domain tests: the default pack parsed once, and a complete scenario.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "domain/method.h"
#include "domain/sra.h"

namespace srm::domain::testing {

inline const MethodPack& DefaultPack() {
  static const MethodPack pack = [] {
    auto p = ParseMethodPack(DefaultMethodPackJson());
    if (!p) {
      ADD_FAILURE() << "default pack refused: " << p.error().field << ": " << p.error().message;
      std::abort();
    }
    return *p;
  }();
  return pack;
}

// Index of a name in a 5- or 6-entry name table, or -1.
template <typename Names>
int IndexOf(const Names& names, const std::string& name) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<int>(i);
  return -1;
}

inline Vulnerability FullVulnerability() {
  return Vulnerability{"UN convoy staff on the MSR", "predictable routes, soft-skinned vehicles",
                       "convoy procedures"};
}

// A scenario that passes ValidateScenario and ReadyToSubmit.
inline Scenario RatedScenario(std::string id = "sc_1", int likelihood = 2, int impact = 3) {
  Scenario s;
  s.id = std::move(id);
  s.title = "IED on the MSR against a UN convoy";
  s.threat_category = "terrorism";
  s.description = "Roadside IED";
  s.vulnerability = FullVulnerability();
  s.likelihood = likelihood;
  s.impact = impact;
  return s;
}

}  // namespace srm::domain::testing
