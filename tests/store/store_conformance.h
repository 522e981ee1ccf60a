// The fixture of the store contract suite (store/store.h checked against every backend in
// AllBackends()), shared by the store_conformance_*_test.cpp files, one per concern. Tests use only
// the Store interface (and StoreHarness::Reopen), so a new backend passes by being correct.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <thread>
#include <tuple>

#include "core/clock.h"
#include "store/audit_chain.h"
#include "store/store_test_support.h"

namespace srm::store::conformance {

using namespace testing_support;

// A filter set up by `set`, e.g. Filter([](SraFilter& f) { f.area_id = "are_kbl"; }).
template <typename Set>
SraFilter Filter(Set set) {
  SraFilter filter;
  set(filter);
  return filter;
}

class StoreConformanceTest : public ::testing::TestWithParam<BackendFactory> {
 protected:
  void SetUp() override {
    auto harness = GetParam().make(&clock_);
    ASSERT_TRUE(harness.has_value()) << ErrorText(harness.error());
    harness_ = std::move(*harness);
  }
  Store& store() { return harness_->store(); }

  // The reference data most tests build on: region > country > area, and an organization.
  void PutGeography() {
    SRM_ASSERT_OK(store().PutOrganization({"org_undp", "UNDP", "UN Development Programme"},
                                          AuditOf("organization.put", "organization", "org_undp")));
    SRM_ASSERT_OK(store().PutRegion({"reg_ap", "Asia and the Pacific"}, AuditOf("region.put", "region", "reg_ap")));
    SRM_ASSERT_OK(store().PutCountry({"cty_af", "reg_ap", "AF", "Afghanistan"},
                                     AuditOf("country.put", "country", "cty_af")));
    SRM_ASSERT_OK(store().PutArea({"are_kbl", "cty_af", "Kabul", R"({"type":"Polygon","coordinates":[]})"},
                                  AuditOf("area.put", "area", "are_kbl")));
  }

  fakes::FakeClock clock_;  // declared first: outlives the store
  std::unique_ptr<StoreHarness> harness_;
};

// What the contracts of the record kinds (catalog, budget, governance) start from: the sample
// geography and user usr_a "alice", and a put of one record at an expected revision, audited.
class RecordKindStoreTest : public StoreConformanceTest {
 protected:
  void SetUp() override {
    StoreConformanceTest::SetUp();
    if (HasFatalFailure() || IsSkipped()) return;
    PutGeography();
    SRM_ASSERT_OK(store().CreateUser(SampleUser("usr_a", "alice"), AuditOf("user.create", "user", "usr_a")));
  }
  template <typename T>
  Status Put(const T& r, int64_t expected = 0) {
    return store().WriteRecords({}, {{r, expected}}, {AuditOf("record.put", "record", r.id)});
  }
};

// --- Schema ---

inline std::string BackendName(const ::testing::TestParamInfo<BackendFactory>& info) { return info.param.name; }

}  // namespace srm::store::conformance
