#include "service/money/budgets.h"

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/ids.h"
#include "domain/budget_workflow.h"
#include "domain/pricing.h"
#include "domain/records/budget_records_json.h"
#include "domain/sra_json.h"

namespace srm::service {

using domain::Fraction;
using domain::Role;
using domain::records::Budget;
using domain::records::BudgetHistoryEntry;
using domain::records::BudgetLine;
using domain::records::PriceList;

namespace {

constexpr const char* kBudget = "budget";
constexpr int64_t kMaxQuantity = 1'000'000'000;

bool ValidCurrency(const std::string& c) {
  return c.size() == 3 && std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
}

bool ValidFundingSource(const std::string& s) {
  return s == "programme_budget" || s == "jointly_financed" || s == "extrabudgetary" || s == "price_list";
}

// The roles that read every line of a country's budget (besides administrators and auditors).
bool FullReaderRole(Role r) {
  return r == Role::kSecurityProfessional || r == Role::kSecurityCell || r == Role::kSmt ||
         r == Role::kDssDesk || r == Role::kDesignatedOfficial || r == Role::kSraDesignate;
}

domain::ScopeRef InCountry(const Principal& p, const std::string& country_id) {
  return {p.user.organization_id, country_id, ""};
}

// Who performed the drafting steps (creation and lines): they may not endorse or approve.
std::set<std::string> Drafters(const Budget& b) {
  std::set<std::string> out{b.drafted_by.id};
  for (const BudgetLine& l : b.lines) out.insert(l.added_by.id);
  return out;
}

// Whether the principal performed one of these steps (by the history's username: the steps that
// leave no id on the record, a refresh or a return).
bool InHistory(const Budget& b, const Principal& p, std::initializer_list<std::string_view> actions) {
  for (const auto& h : b.history)
    if (h.by == p.user.username && std::find(actions.begin(), actions.end(), h.action) != actions.end()) return true;
  return false;
}

Budget WithoutLines(Budget b) {
  b.lines.clear();
  b.history.clear();
  return b;
}

}  // namespace

BudgetService::BudgetService(store::Store* store, MethodRegistry* methods, const Clock* clock, IdGen* ids)
    : store_(store), methods_(methods), clock_(clock), ids_(ids) {}

std::string BudgetService::Now() const { return FormatTimestamp(clock_->NowMillis()); }

BudgetService::Access BudgetService::AccessTo(const Principal& p, const std::string& country_id) const {
  Access best = Access::kNone;
  for (const auto& g : p.user.grants) {
    if (g.role == Role::kAdmin || g.role == Role::kAuditor) return Access::kFull;
    if (!domain::GrantCovers(g, InCountry(p, country_id))) continue;
    if (!g.area_id.empty()) continue;  // an area's grant does not cover the whole country's budget
    if (FullReaderRole(g.role)) return Access::kFull;
    if (g.role == Role::kFinance) best = Access::kFinance;
  }
  return best;
}

Result<std::string> BudgetService::OrganizationCode(const Principal& p) {
  if (p.organization_code) return *p.organization_code;
  SRM_ASSIGN(orgs, store_->ListOrganizations());
  for (const auto& o : orgs)
    if (o.id == p.user.organization_id) return o.code;
  return std::string();
}

Status BudgetService::CheckDrafter(const Principal& p, const std::string& country_id, const std::string& refusal) {
  if (!p.HasFor(Role::kSecurityProfessional, InCountry(p, country_id)))
    return Fail(ErrorKind::kForbidden, "security_professional_required", refusal);
  SRM_ASSIGN(pack, methods_->Active());
  SRM_ASSIGN(code, OrganizationCode(p));
  if (code != pack->area_sra_conductor)
    return Fail(ErrorKind::kForbidden, "budget_drafted_by_dss",
                "the cost-shared budget is drafted by the " + pack->area_sra_conductor +
                    " security professional of the country");
  return {};
}

Result<Budget> BudgetService::Load(const std::string& id) {
  if (!ValidId(id)) return NotFound("budget");
  SRM_ASSIGN(found, store_->GetBudget(id));
  if (!found) return NotFound("budget " + id);
  return std::move(*found);
}

Status BudgetService::Commit(const Principal& p, const std::string& role, const std::string& action,
                             const std::optional<Budget>& before, const Budget& after) {
  auto body = [](Budget b) {
    b.revision = 0;
    return domain::records::ToJson(b).dump();
  };
  store::WriteBatch batch;
  batch.records.push_back({store::AnyRecord(after), before ? before->revision : 0});
  store::AuditEvent audit{p.user.id, p.user.username, role,    action,       kBudget,
                          after.id,  before ? body(*before) : "", body(after), p.request_id};
  return store_->Write(batch, {audit});
}

// ---- create, read, list ----

Result<Budget> BudgetService::Create(const Principal& p, const BudgetInput& in) {
  if (!ValidId(in.country_id)) return Unprocessable("unknown_country", "unknown country", "country_id");
  SRM_ASSIGN(countries, store_->ListCountries());
  if (std::none_of(countries.begin(), countries.end(), [&](const auto& c) { return c.id == in.country_id; }))
    return Unprocessable("unknown_country", "unknown country '" + in.country_id + "'", "country_id");
  // The DSS security professional of the country drafts it (SRM-METHOD.md §7; the pack names DSS).
  SRM_TRY(CheckDrafter(p, in.country_id,
                       "a country's cost-shared budget is drafted by a security professional of the country"));
  SRM_ASSIGN(pack, methods_->Active());
  if (in.year < 2000 || in.year > 2100) return Unprocessable("out_of_range", "year must be 2000-2100", "year");
  if (!ValidCurrency(in.currency))
    return Unprocessable("invalid_currency", "currency must be an ISO 4217 code (three capital letters)", "currency");
  SRM_ASSIGN(existing, store_->ListBudgets({.country_id = in.country_id, .year = in.year}, {1, ""}));
  if (existing.total > 0) return Conflict("budget_exists", "the country already has a budget for that year");

  Budget b;
  b.id = ids_->NewId("bud");
  b.country_id = in.country_id;
  b.year = in.year;
  b.currency = in.currency;
  b.status = "draft";
  b.minimum_num = pack->budget_minimum_num;
  b.minimum_den = pack->budget_minimum_den;
  b.decrease_num = pack->budget_decrease_num;
  b.decrease_den = pack->budget_decrease_den;
  b.drafted_by = {p.user.id, p.user.username};
  b.created_at = b.updated_at = Now();
  // Headcount on the reference date: the programme personnel registered in the country
  // (international + national; people on mission are counted where they are based). Programmes
  // carry no dates, so the registry can only say who is there now: the reference date is the day
  // the budget is drafted, and the figures are kept with it.
  b.reference_date = b.created_at.substr(0, 10);
  SRM_ASSIGN(heads, Headcounts(in.country_id));
  b.headcounts = std::move(heads);
  b.history.push_back({b.created_at, "draft", p.user.username, "security_professional", ""});
  SRM_TRY(Commit(p, "security_professional", "budget.create", std::nullopt, b));
  b.revision = 1;
  return b;
}

Result<store::Page<Budget>> BudgetService::List(const Principal& p, const std::string& country_id, int year,
                                                const store::PageRequest& page, const std::string& status,
                                                const store::ListNarrowing& narrow) {
  store::BudgetFilter f{.country_id = country_id, .status = status, .year = year};
  f.narrow = narrow;
  // Only the countries the principal reads budgets in (every country on an unscoped grant).
  std::vector<std::string> countries;
  bool all = false;
  for (const auto& g : p.user.grants) {
    if (g.role == Role::kAdmin || g.role == Role::kAuditor) all = true;
    else if ((FullReaderRole(g.role) || g.role == Role::kFinance) && g.area_id.empty()) {
      if (g.country_id.empty()) all = true;
      else countries.push_back(g.country_id);
    }
  }
  if (!all) f.countries = countries;
  SRM_ASSIGN(rows, store_->ListBudgets(f, page));
  return rows;
}

Result<BudgetRead> BudgetService::Get(const Principal& p, const std::string& id) {
  SRM_ASSIGN(b, Load(id));
  const Access access = AccessTo(p, b.country_id);
  if (access == Access::kNone) return Forbidden("this country's budget is outside your scope");
  BudgetRead out;
  std::map<std::string, int64_t> by_service, by_source;
  for (const BudgetLine& l : b.lines) {
    by_service[l.service_code] += l.amount_minor;
    by_source[l.funding_source] += l.amount_minor;
  }
  for (const auto& [k, v] : by_service) out.by_service.push_back({k, v});
  for (const auto& [k, v] : by_source) out.by_funding_source.push_back({k, v});
  if (access == Access::kFinance) {
    out.full = false;
    out.own_organization_id = p.user.organization_id;
    std::erase_if(b.headcounts, [&](const auto& h) { return h.organization_id != p.user.organization_id; });
    std::erase_if(b.shares, [&](const auto& s) { return s.organization_id != p.user.organization_id; });
    out.line_count = b.lines.size();
    b = WithoutLines(std::move(b));
  } else {
    out.line_count = b.lines.size();
  }
  out.budget = std::move(b);
  return out;
}

// ---- lines ----

Status BudgetService::CheckTrace(const Budget& b, const BudgetLineInput& in) {
  auto refuse = [](const std::string& why, const char* field) {
    return Unprocessable("sra_trace_required",
                         "a budget line traces to an approved measure of the SRA in force: " + why, field);
  };
  if (in.sra_id.empty()) return refuse("sra_id is missing", "sra_id");
  if (in.measure_id.empty()) return refuse("measure_id is missing", "measure_id");
  if (!ValidId(in.sra_id)) return refuse("no SRA '" + in.sra_id + "'", "sra_id");
  SRM_ASSIGN(row, store_->GetSra(in.sra_id));
  if (!row) return refuse("no SRA '" + in.sra_id + "'", "sra_id");
  if (row->kind != "area" || row->country_id != b.country_id)
    return refuse("SRA " + in.sra_id + " is not an area SRA of the budget's country", "sra_id");
  if (row->status != "published")
    return refuse("SRA " + in.sra_id + " is " + row->status + ", not the published version in force", "sra_id");
  nlohmann::json doc = nlohmann::json::parse(row->doc, nullptr, false);
  if (doc.is_discarded()) return Internal("SRA " + in.sra_id + " has an unreadable document");
  SRM_ASSIGN(sra, domain::SraFromJson(doc));
  for (const auto& sc : sra.scenarios)
    for (const auto& me : sc.measures)
      if (me.id == in.measure_id) return {};
  return refuse("SRA " + in.sra_id + " has no measure '" + in.measure_id + "'", "measure_id");
}

Result<PriceList> BudgetService::PublishedList(const Budget& b) {
  SRM_ASSIGN(lists, store_->ListPriceLists({.year = b.year}, {500, ""}));
  const PriceList* best = nullptr;
  for (const PriceList& l : lists.items)
    if (l.status == "published" && (best == nullptr || l.version > best->version)) best = &l;
  if (best == nullptr) {
    if (!lists.items.empty())
      return Unprocessable("price_list_unpublished",
                           "the price list of " + std::to_string(b.year) + " is not published: it prices nothing",
                           "service_code");
    return Unprocessable("price_list_missing", "there is no price list for " + std::to_string(b.year),
                         "service_code");
  }
  if (best->currency != b.currency)
    return Unprocessable("currency_mismatch",
                         "the published price list of " + std::to_string(b.year) + " is in " + best->currency +
                             ", the budget in " + b.currency,
                         "service_code");
  return *best;
}

Result<Budget> BudgetService::AddLine(const Principal& p, const std::string& id, const BudgetLineInput& in) {
  SRM_ASSIGN(b, Load(id));
  if (AccessTo(p, b.country_id) == Access::kNone) return Forbidden("this country's budget is outside your scope");
  SRM_TRY(CheckDrafter(p, b.country_id, "budget lines are drafted by a security professional of the country"));
  if (b.status != "draft") return Conflict("budget_not_draft", "only a draft budget takes new lines");
  // The trace first, whatever else is wrong with the line.
  SRM_TRY(CheckTrace(b, in));
  if (in.rest_error) return std::unexpected(*in.rest_error);
  if (in.quantity < 1 || in.quantity > kMaxQuantity)
    return Unprocessable("out_of_range", "quantity must be 1-1000000000", "quantity");
  if (!ValidFundingSource(in.funding_source))
    return Unprocessable("invalid_funding_source",
                         "funding_source must be programme_budget, jointly_financed, extrabudgetary or price_list",
                         "funding_source");
  SRM_ASSIGN(list, PublishedList(b));
  // Cost-shared lines belong to no organization: no differentiated arrangement applies.
  auto amount = domain::LinePriceMinor(list, in.service_code, b.country_id, in.quantity);
  if (!amount) {
    Error e = amount.error();
    e.unprocessable = true;
    if (e.field.empty()) e.field = "service_code";
    return std::unexpected(e);
  }
  int64_t total = 0;
  if (__builtin_add_overflow(b.total_minor, *amount, &total))
    return Unprocessable("budget_overflow", "the budget's total would not fit in 64-bit minor units", "quantity");

  const Budget before = b;
  BudgetLine l;
  l.id = ids_->NewId("bln");
  l.sra_id = in.sra_id;
  l.measure_id = in.measure_id;
  l.service_code = in.service_code;
  l.quantity = in.quantity;
  l.funding_source = in.funding_source;
  l.description = in.description;
  l.price_list_id = list.id;
  for (const auto& item : list.items)
    if (item.service_code == in.service_code) l.unit_price_minor = item.unit_price_minor;
  l.regional_factor_permille = domain::RegionalFactorPermille(list, b.country_id);
  l.amount_minor = *amount;
  l.added_by = {p.user.id, p.user.username};
  l.added_at = Now();
  b.lines.push_back(l);
  b.total_minor = total;
  b.updated_at = l.added_at;
  b.history.push_back({l.added_at, "add_line", p.user.username, "security_professional", l.id});
  SRM_TRY(Commit(p, "security_professional", "budget.line.add", before, b));
  b.revision = before.revision + 1;
  return b;
}

Result<std::vector<domain::records::BudgetHeadcount>> BudgetService::Headcounts(const std::string& country_id) {
  std::map<std::string, int64_t> heads;
  SRM_ASSIGN(areas, store_->ListAreas(country_id, false));
  for (const auto& a : areas) {
    SRM_ASSIGN(programmes, store_->ListProgrammes(a.id));
    for (const auto& prog : programmes) heads[prog.organization_id] += prog.international + prog.national;
  }
  std::vector<domain::records::BudgetHeadcount> out;
  for (const auto& [org, h] : heads) out.push_back({org, h});
  return out;
}

Result<Budget> BudgetService::RefreshHeadcount(const Principal& p, const std::string& id) {
  SRM_ASSIGN(b, Load(id));
  if (AccessTo(p, b.country_id) == Access::kNone) return Forbidden("this country's budget is outside your scope");
  // A drafting step: the drafter's, as adding a line is.
  SRM_TRY(CheckDrafter(p, b.country_id, "the headcount basis is refreshed by a security professional of the country"));
  SRM_TRY(domain::CheckHeadcountRefresh(b.status));
  const Budget before = b;
  SRM_ASSIGN(heads, Headcounts(b.country_id));
  const std::string now = Now();
  b.headcounts = std::move(heads);
  b.reference_date = now.substr(0, 10);  // the registry says who is there now (see Create)
  b.updated_at = now;
  b.history.push_back({now, "refresh_headcount", p.user.username, "security_professional", b.reference_date});
  SRM_TRY(Commit(p, "security_professional", "budget.headcount.refresh", before, b));
  b.revision = before.revision + 1;
  return b;
}

// ---- workflow ----

Result<Budget> BudgetService::Transition(const Principal& p, const std::string& id, const std::string& action,
                                         const std::string& comment) {
  if (action != "endorse" && action != "approve" && action != "return")
    return Unprocessable("invalid_action", "action must be endorse, approve or return", "action");
  SRM_ASSIGN(b, Load(id));
  if (AccessTo(p, b.country_id) == Access::kNone) return Forbidden("this country's budget is outside your scope");
  // Separation of duties (SRM-METHOD.md §7a, domain/budget_workflow.h): nobody performs two steps.
  domain::BudgetActor actor;
  actor.smt = p.HasFor(Role::kSmt, InCountry(p, b.country_id));
  actor.dss_desk = p.HasFor(Role::kDssDesk, InCountry(p, b.country_id));
  actor.drafted = Drafters(b).contains(p.user.id) || InHistory(b, p, {"draft", "add_line", "refresh_headcount"});
  actor.endorsed = b.endorsed_by.id == p.user.id;
  actor.returned = InHistory(b, p, {"return"});
  SRM_ASSIGN(step, domain::CheckBudgetStep(action, b.status, actor, !b.lines.empty(), comment));
  const bool endorse = action == "endorse";
  // The apportionment must hold before anyone commits to it.
  std::optional<domain::Apportionment> shares;
  if (action != "return") {
    SRM_ASSIGN(computed, Compute(b, nullptr));
    shares = std::move(computed);
  }

  const Budget before = b;
  const std::string now = Now();
  const std::string& role = step.role;
  if (action == "return") {
    // Back to its drafter: the endorsement no longer stands (the history keeps it and the reason).
    b.status = step.to_status;
    b.endorsed_by = {};
    b.endorsed_at.reset();
  } else if (endorse) {
    b.status = "endorsed";
    b.endorsed_by = {p.user.id, p.user.username};
    b.endorsed_at = now;
  } else {
    b.status = "approved";
    b.approved_by = {p.user.id, p.user.username};
    b.approved_at = now;
    // Frozen: next year's slow decrease reads this year's fractions as approved.
    for (const auto& s : shares->shares) b.shares.push_back({s.organization_id, s.amount_minor, s.basis});
  }
  b.updated_at = now;
  b.history.push_back({now, action, p.user.username, role, comment});
  SRM_TRY(Commit(p, role, "budget." + action, before, b));
  b.revision = before.revision + 1;
  return b;
}

// ---- apportionment ----

Result<domain::Apportionment> BudgetService::Compute(
    const Budget& b, std::vector<std::pair<std::string, std::optional<Fraction>>>* last) {
  // Last year's fractions: the shares frozen when last year's budget of the country was approved.
  std::map<std::string, Fraction> previous;
  SRM_ASSIGN(prior, store_->ListBudgets({.country_id = b.country_id, .status = "approved", .year = b.year - 1},
                                        {1, ""}));
  // An approved budget was apportioned with what was approved before it: a last year's budget
  // approved later does not change it afterwards.
  const bool prior_counts = !prior.items.empty() && prior.items.front().total_minor > 0 &&
                            (!b.approved_at || prior.items.front().approved_at.value_or("") < *b.approved_at);
  if (prior_counts)
    for (const auto& s : prior.items.front().shares)
      previous[s.organization_id] = Fraction{s.amount_minor, prior.items.front().total_minor};
  std::vector<domain::ApportionmentInput> in;
  for (const auto& h : b.headcounts) {
    std::optional<Fraction> f;
    if (auto it = previous.find(h.organization_id); it != previous.end()) f = it->second;
    in.push_back({h.organization_id, h.headcount, f});
    if (last) last->emplace_back(h.organization_id, f);
  }
  domain::ApportionmentRules rules{Fraction{b.minimum_num, b.minimum_den}, Fraction{b.decrease_num, b.decrease_den}};
  return domain::Apportion(b.total_minor, in, rules);
}

Result<BudgetApportionment> BudgetService::Apportionment(const Principal& p, const std::string& id) {
  SRM_ASSIGN(b, Load(id));
  const Access access = AccessTo(p, b.country_id);
  if (access == Access::kNone) return Forbidden("this country's budget is outside your scope");
  BudgetApportionment out;
  SRM_ASSIGN(result, Compute(b, &out.last_year));
  out.frozen = b.status == "approved";
  if (out.frozen) {
    // The recorded shares are the answer; the computation, from the same lines, headcount and
    // last year's approved shares, explains them and agrees with them.
    for (auto& s : result.shares)
      for (const auto& frozen : b.shares)
        if (frozen.organization_id == s.organization_id && frozen.amount_minor != s.amount_minor)
          return Internal("budget " + b.id + ": the approved share of " + s.organization_id +
                          " differs from its computation");
  }
  if (access == Access::kFinance) {
    out.full = false;
    const std::string& own = p.user.organization_id;
    std::erase_if(result.shares, [&](const auto& s) { return s.organization_id != own; });
    std::erase_if(result.units, [&](const auto& u) { return u.organization_id != own; });
    std::erase_if(result.excluded, [&](const auto& e) { return e.organization_id != own; });
    std::erase_if(out.last_year, [&](const auto& l) { return l.first != own; });
    std::erase_if(b.headcounts, [&](const auto& h) { return h.organization_id != own; });
    std::erase_if(b.shares, [&](const auto& s) { return s.organization_id != own; });
  }
  out.result = std::move(result);
  out.budget = WithoutLines(std::move(b));
  return out;
}

}  // namespace srm::service
