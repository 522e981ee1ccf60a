#!/usr/bin/env bash
# Installs every Debian package the build, the tests, the benchmarks and the demo need.
# Idempotent: does nothing when all are present. Debian's packages only (the web UI's come from npm).
set -euo pipefail

PACKAGES=(
  # build
  g++ cmake make pkg-config ccache
  # libraries (see README: "Dependencies and why")
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev
  # the HTTP server: Boost.Beast on Boost.Asio (header-only; TLS through libssl-dev's OpenSSL)
  libboost-dev
  # the server's memory allocator: tcmalloc from gperftools (libtcmalloc_minimal)
  libgoogle-perftools-dev
  nlohmann-json3-dev libsqlite3-dev libsodium-dev libcli11-dev libspdlog-dev libfmt-dev
  # password strength (zxcvbn), linked as the shared library
  libzxcvbn-dev
  # time zones for working time (service levels): date/tz over the OS tzdata
  libhowardhinnant-date-dev tzdata
  # Excel exports (the SRA register, ?format=xlsx lists)
  libxlsxwriter-dev
  # PostgreSQL store: the client library, and the server the tests start themselves (scripts/pg.sh)
  libpq-dev postgresql
  # evidence engine: GEOS (C API) for placement; PostGIS for the comparison in bench/evidence.sh
  libgeos-dev postgresql-15-postgis-3
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev sqlite3 wrk curl python3
  # the API tests check every answer against src/api/openapi.json (JSON Schema, header-only)
  libvalijson-dev
  # scripts/fuzz.sh: libFuzzer, ASan and UBSan (clang 14 cannot compile <expected> from libstdc++ 12),
  # and llvm-symbolizer for readable stacks in its reports
  clang-19 libclang-rt-19-dev llvm-19
  # bench/two_servers.sh: two srm servers behind a load balancer
  nginx
  # the SRA document as PDF (src/documents): Pango lays out text on Cairo; DejaVu Sans covers Latin
  # and Arabic in 3 MB (fonts-noto-core: 42 MB); poppler-utils reads the PDFs back in the tests
  libcairo2-dev libpango1.0-dev fonts-dejavu-core poppler-utils
  # web UI build and browser tests
  nodejs chromium
)
# npm ships inside some nodejs builds and as its own Debian package in others.
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -q
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}"
