#!/usr/bin/env bash
# Installs what coachkit needs on Debian 12 (only what is missing), configures once and builds.
# Arguments are ninja targets (none: everything). COACHKIT_BUILD_DIR names the build folder
# (default: build); COACHKIT_CMAKE_ARGS adds options when it is first configured;
# COACHKIT_TEST_TOOLS=1 also installs what the tests read outputs with. Idempotent:
# with nothing changed it takes about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ pkg-config
  libtomlplusplus-dev libboost-dev libcli11-dev nlohmann-json3-dev libxxhash-dev zlib1g-dev
  libgtest-dev libfontconfig-dev
  # SHA-256 of plugins and of every output's inputs (OpenSSL's libcrypto).
  libssl-dev
  # coachkit serve: the HTTP server (header and library; plain HTTP only).
  libcpp-httplib-dev
  pandoc weasyprint fonts-dejavu-core
  # Coaching reports: the score chart (gnuplot's SVG terminal).
  gnuplot-nox
  # Posters: PNG previews (pdftoppm); the themes' fonts (classic: EB Garamond and Amiri for
  # Arabic; modern: Lato) and, for every theme, the scripts DejaVu lacks: WenQuanYi Micro Hei
  # for Chinese, Japanese and Korean (5.1 MB installed, where Noto CJK takes 91 MB and Droid
  # Sans Fallback, 7 MB, has no Hangul), Lohit Devanagari (0.2 MB) and Loma for Thai (0.4 MB).
  poppler-utils fonts-ebgaramond fonts-lato fonts-hosny-amiri fonts-wqy-microhei
  fonts-lohit-deva fonts-tlwg-loma-ttf
)
# The tests read outputs as a reader would: PDF text, DOCX documents, HTML in a browser; and
# check the JSON Schemas with a validator from npm (installed under the build folder); check the
# agreement statistics against statsmodels and R's psych.
if [[ ${COACHKIT_TEST_TOOLS:-} == 1 ]]; then
  packages+=(python3-docx chromium libxml2-utils libreoffice-writer-nogui libreoffice-impress-nogui
    python3-statsmodels
    r-cran-psych)
  # Moodle's own GIFT/XML importer harness (../shared/real-clients/moodle).
  packages+=(php-cli)
  packages+=(php-xml)
  packages+=(php-mbstring)
  packages+=(phpunit)
  # Canvas's own QTI converter harness (../shared/real-clients/canvas).
  packages+=(ruby)
  packages+=(ruby-nokogiri)
  packages+=(ruby-sanitize)
  packages+=(ruby-activesupport)
  packages+=(ruby-rspec)
  packages+=(python3-lxml)
  packages+=(unzip)
  # The SCORM harness (../shared/real-clients/scorm): Moodle's zip code needs PHP's zip
  # extension; the SCO runs under scorm-again (npm, in the harness's own folder) in chromium.
  packages+=(php-zip)
  if ! command -v node >/dev/null; then packages+=(nodejs); fi
  # An npm that came with another Node.js (which conflicts with Debian's npm) will do.
  if ! command -v npm >/dev/null; then packages+=(npm); fi
fi
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  echo "coachkit: installing ${missing[*]}" >&2
  "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

build=${COACHKIT_BUILD_DIR:-build}
if [[ ! -f $build/build.ninja ]]; then
  werror=OFF
  if [[ ${CI:-} == true ]]; then werror=ON; fi
  # shellcheck disable=SC2086 # COACHKIT_CMAKE_ARGS is a list of words
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOACHKIT_WERROR=$werror \
    ${COACHKIT_CMAKE_ARGS:-} >/dev/null
fi
ninja -C "$build" "$@" | { grep -v -e '^ninja: no work to do' -e '^ninja: Entering' \
  -e 'Re-checking globbed' || true; }
