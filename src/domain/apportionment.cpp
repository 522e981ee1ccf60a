#include "domain/apportionment.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <set>

namespace srm::domain {
namespace {

using u128 = unsigned __int128;

// An exact fraction that outgrows 128 bits. Thrown only inside this file by the checked
// arithmetic below and turned into the apportionment_overflow refusal by Apportion(): checking
// every operation's result by hand would hide the formula under the plumbing.
struct Overflow {};

__int128 Mul(__int128 a, __int128 b) {
  __int128 r;
  if (__builtin_mul_overflow(a, b, &r)) throw Overflow{};
  return r;
}
__int128 Add(__int128 a, __int128 b) {
  __int128 r;
  if (__builtin_add_overflow(a, b, &r)) throw Overflow{};
  return r;
}

__int128 Gcd(__int128 a, __int128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    const __int128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

Fraction Make(__int128 num, __int128 den) {
  if (den < 0) num = -num, den = -den;
  const __int128 g = Gcd(num, den);
  if (g > 1) num /= g, den /= g;
  if (num == 0) den = 1;
  return {num, den};
}

Fraction Plus(const Fraction& a, const Fraction& b) {
  const __int128 g = Gcd(a.den, b.den);
  const __int128 bd = b.den / g;
  return Make(Add(Mul(a.num, bd), Mul(b.num, a.den / g)), Mul(a.den, bd));
}
Fraction Minus(const Fraction& a, const Fraction& b) { return Plus(a, {-b.num, b.den}); }
Fraction Times(const Fraction& a, const Fraction& b) {
  // Cross-reduce first so the products stay as small as the result allows.
  const __int128 g1 = Gcd(a.num, b.den), g2 = Gcd(b.num, a.den);
  const __int128 n1 = g1 ? a.num / g1 : a.num, d2 = g1 ? b.den / g1 : b.den;
  const __int128 n2 = g2 ? b.num / g2 : b.num, d1 = g2 ? a.den / g2 : a.den;
  return Make(Mul(n1, n2), Mul(d1, d2));
}

// 256-bit products, so comparing two fractions and T × fraction never overflow.
struct U256 {
  u128 hi = 0, lo = 0;
  auto operator<=>(const U256&) const = default;
};
U256 Wide(u128 a, u128 b) {
  const u128 mask = ~static_cast<uint64_t>(0);
  const u128 a0 = a & mask, a1 = a >> 64, b0 = b & mask, b1 = b >> 64;
  const u128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const u128 mid = (p00 >> 64) + (p01 & mask) + (p10 & mask);
  return {p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64), (p00 & mask) | (mid << 64)};
}

// a <=> b for non-negative fractions.
std::strong_ordering Compare(const Fraction& a, const Fraction& b) {
  return Wide(static_cast<u128>(a.num), static_cast<u128>(b.den)) <=>
         Wide(static_cast<u128>(b.num), static_cast<u128>(a.den));
}
bool Less(const Fraction& a, const Fraction& b) { return Compare(a, b) < 0; }

// floor(t × f) and the exact remainder (t × f - floor) as a fraction of f.den; t, f >= 0.
std::pair<int64_t, Fraction> FloorTimes(int64_t t, const Fraction& f) {
  U256 n = Wide(static_cast<u128>(t), static_cast<u128>(f.num));
  const u128 d = static_cast<u128>(f.den);  // < 2^127, so 2 × r below never wraps
  u128 q_hi = 0, q_lo = 0, r = 0;
  for (int bit = 255; bit >= 0; --bit) {
    const u128 b = bit >= 128 ? (n.hi >> (bit - 128)) & 1 : (n.lo >> bit) & 1;
    r = (r << 1) | b;
    if (r >= d) {
      r -= d;
      if (bit >= 128) q_hi |= u128{1} << (bit - 128);
      else q_lo |= u128{1} << bit;
    }
  }
  if (q_hi != 0 || q_lo > static_cast<u128>(std::numeric_limits<int64_t>::max())) throw Overflow{};
  return {static_cast<int64_t>(q_lo), Make(static_cast<__int128>(r), f.den)};
}

const Fraction kZero{0, 1}, kOne{1, 1};

bool UnitInterval(const Fraction& f) { return f.den > 0 && f.num >= 0 && f.num <= f.den; }

Result<Apportionment> ApportionExact(int64_t total, const std::vector<ApportionmentInput>& orgs,
                                     const ApportionmentRules& rules) {
  if (total < 0) return Unprocessable("apportionment_invalid", "the total must be 0 or more", "total_minor");
  if (!UnitInterval(rules.minimum) || !UnitInterval(rules.max_decrease))
    return Unprocessable("apportionment_invalid", "the minimum share and the slow decrease are fractions in [0, 1]");
  Apportionment out;
  out.total_minor = total;
  std::set<std::string> seen;
  std::vector<const ApportionmentInput*> present;
  for (const ApportionmentInput& o : orgs) {
    if (!seen.insert(o.organization_id).second)
      return Unprocessable("apportionment_invalid", "organization " + o.organization_id + " is listed twice");
    if (o.headcount < 0)
      return Unprocessable("apportionment_invalid", "headcount of " + o.organization_id + " is negative");
    if (o.last_year_fraction && !UnitInterval(*o.last_year_fraction))
      return Unprocessable("apportionment_invalid", "last year's fraction of " + o.organization_id + " is not in [0, 1]");
    if (o.headcount == 0) out.excluded.push_back({o.organization_id, "no_headcount"});
    else present.push_back(&o);
  }
  std::sort(present.begin(), present.end(),
            [](const auto* a, const auto* b) { return a->organization_id < b->organization_id; });
  std::sort(out.excluded.begin(), out.excluded.end(),
            [](const auto& a, const auto& b) { return a.organization_id < b.organization_id; });
  if (present.empty()) {
    if (total == 0) return out;
    return Unprocessable("apportionment_no_organization",
                         "no organization has personnel in the country on the reference date");
  }

  // Each organization's floor: the larger of the minimum share and the slow-decrease bound.
  const size_t n = present.size();
  std::vector<Fraction> floor(n, rules.minimum);
  std::vector<std::string> floor_basis(n, "minimum");
  Fraction floors = kZero;
  for (size_t i = 0; i < n; ++i) {
    if (const auto& last = present[i]->last_year_fraction) {
      const Fraction kept = Times(Minus(kOne, rules.max_decrease), Make(last->num, last->den));
      if (Less(floor[i], kept)) floor[i] = kept, floor_basis[i] = "slow_decrease";
    }
    floors = Plus(floors, floor[i]);
  }
  if (Less(kOne, floors))
    return Unprocessable("apportionment_floors_exceed_total",
                         "the minimum shares and slow-decrease bounds add up to " + FractionText(floors) +
                             " of the total: more than all of it");

  // Steps 2-4: pin every organization below its floor to the floor, share the rest by headcount
  // among the others, and repeat until nobody is below. Pinning only ever lowers the others'
  // fractions, so an organization below its floor stays below: pinning all of them at once is
  // the same as one by one.
  std::vector<bool> pinned(n, false);
  std::vector<Fraction> fraction(n);
  for (;;) {
    ++out.rounds;
    Fraction rest = kOne;
    __int128 heads = 0;
    for (size_t i = 0; i < n; ++i) {
      if (pinned[i]) rest = Minus(rest, floor[i]);
      else heads = Add(heads, present[i]->headcount);
    }
    bool changed = false;
    for (size_t i = 0; i < n; ++i) {
      if (pinned[i]) continue;
      fraction[i] = Times(rest, Make(present[i]->headcount, heads));
      if (Less(fraction[i], floor[i])) pinned[i] = changed = true;
    }
    if (!changed) break;
    // Floors adding up to at most 1 leave somebody unpinned (all pinned would mean the rest was
    // below the sum of their floors, so the floors exceed 1).
  }

  // Step 5: round down, then hand the units left over to the largest remainders.
  int64_t floored = 0;
  for (size_t i = 0; i < n; ++i) {
    ApportionedShare s;
    s.organization_id = present[i]->organization_id;
    s.headcount = present[i]->headcount;
    s.fraction = pinned[i] ? floor[i] : fraction[i];
    s.basis = pinned[i] ? floor_basis[i] : "headcount";
    s.exact_minor = Times(Make(total, 1), s.fraction);
    auto [whole, remainder] = FloorTimes(total, s.fraction);
    s.floor_minor = s.amount_minor = whole;
    s.remainder = remainder;
    floored += whole;
    out.shares.push_back(std::move(s));
  }
  const int64_t left = total - floored;
  if (left < 0 || left >= static_cast<int64_t>(n))
    return Internal("apportionment: " + std::to_string(left) + " units left over among " + std::to_string(n));
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  // Shares are already sorted by id, so a stable sort on the remainder keeps ties in id order.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return Compare(out.shares[a].remainder, out.shares[b].remainder) > 0;
  });
  for (int64_t k = 0; k < left; ++k) {
    ApportionedShare& s = out.shares[order[k]];
    s.amount_minor += 1;
    s.leftover_unit = true;
    const bool tie = static_cast<size_t>(left) < n && Compare(s.remainder, out.shares[order[left]].remainder) == 0;
    out.units.push_back({static_cast<int>(k + 1), s.organization_id, s.remainder, tie});
  }
  int64_t sum = 0;
  for (const ApportionedShare& s : out.shares) sum += s.amount_minor;
  if (sum != total) return Internal("apportionment: the shares add up to " + std::to_string(sum));
  return out;
}

}  // namespace

std::string Int128Text(__int128 v) {
  if (v == 0) return "0";
  const bool negative = v < 0;
  u128 u = negative ? -static_cast<u128>(v) : static_cast<u128>(v);
  std::string s;
  while (u != 0) {
    s.push_back(static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  }
  if (negative) s.push_back('-');
  return {s.rbegin(), s.rend()};
}

std::string FractionText(const Fraction& f) {
  return f.den == 1 ? Int128Text(f.num) : Int128Text(f.num) + "/" + Int128Text(f.den);
}

Result<Apportionment> Apportion(int64_t total_minor, const std::vector<ApportionmentInput>& organizations,
                                const ApportionmentRules& rules) {
  try {
    return ApportionExact(total_minor, organizations, rules);
  } catch (const Overflow&) {
    return Unprocessable("apportionment_overflow",
                         "an exact share needs more than 128 bits: the figures are too large to apportion exactly");
  }
}

}  // namespace srm::domain
