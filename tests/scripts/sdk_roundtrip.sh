#!/usr/bin/env bash
# The installed SDK as an organization uses it:
#   1. install coachkit into a temporary prefix (the tree is already built);
#   2. build plugins/example-org in a build folder of its own that knows only
#      find_package(coachkit), and load it through COACHKIT_PLUGIN_PATH;
#   3. lint and build the Acme pack it carries: handouts, and the two-sided wallet card at
#      85.6 x 54 mm (242.65 x 153.07 pt);
#   4. `coachkit new plugin`: build the project it writes against the prefix, run its own test,
#      and load it;
#   5. move the whole prefix: coachkit still finds its default pack, plugins and themes.
#
# usage: sdk_roundtrip.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
source_dir=$1
build_dir=$2

work=$(mktemp -d "${TMPDIR:-/tmp}/coachkit-sdk-XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "--- $*"; }

# Packages only from the prefix: no user or system package registry.
cmake_isolated=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$work/prefix"
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)

step "install into a temporary prefix"
cmake --install "$build_dir" --prefix "$work/prefix" >"$work/install.log" ||
  { cat "$work/install.log"; fail "cmake --install"; }
for file in bin/coachkit lib/coachkit/plugins/coachkit-handout.so \
  share/coachkit/themes/default/style.css share/coachkit/packs/service-principles/pack.toml \
  share/coachkit/pdf/coachkit-pdf-worker.py include/coachkit/plugin.hpp \
  lib/cmake/coachkit/coachkitConfig.cmake lib/cmake/coachkit/coachkitConfigVersion.cmake \
  lib/cmake/coachkit/CoachkitPlugin.cmake; do
  [[ -e $work/prefix/$file ]] || fail "the installation has no $file"
done
# Test plugins and the example are not part of an installation.
# (The built-in ones are: every plugins/*/ folder but example-org.)
expected=$(cd "$source_dir/plugins" && for d in */; do
  [[ $d == example-org/ ]] || echo "coachkit-${d%/}.so"
done | sort)
[[ $(cd "$work/prefix/lib/coachkit/plugins" && ls -- *.so | sort) == "$expected" ]] ||
  fail "unexpected plugins installed: $(ls "$work/prefix/lib/coachkit/plugins")"
# Each with the checksum record of the installed file, which coachkit checks it against.
(cd "$work/prefix/lib/coachkit/plugins" && for so in *.so; do
  [[ -f $so.sha256 ]] || fail "no checksum record $so.sha256 was installed"
done && sha256sum --check --quiet -- *.sha256) || fail "the installed checksum records do not match"
coachkit=$work/prefix/bin/coachkit

step "build plugins/example-org against the installed SDK"
cmake -S "$source_dir/plugins/example-org" -B "$work/acme-build" "${cmake_isolated[@]}" \
  >"$work/acme-configure.log" || { cat "$work/acme-configure.log"; fail "configure example-org"; }
grep -q "coachkit" "$work/acme-build/CMakeCache.txt"
grep -q "^coachkit_DIR:PATH=$work/prefix/lib/cmake/coachkit$" "$work/acme-build/CMakeCache.txt" ||
  fail "example-org did not find coachkit in the prefix: $(grep coachkit_DIR "$work/acme-build/CMakeCache.txt")"
cmake --build "$work/acme-build" >"$work/acme-build.log" ||
  { cat "$work/acme-build.log"; fail "build example-org"; }
export COACHKIT_PLUGIN_PATH=$work/acme-build/lib/coachkit/plugins
[[ -f $COACHKIT_PLUGIN_PATH/coachkit-example-org.so ]] || fail "no coachkit-example-org.so"

step "coachkit packs / plugins see it"
"$coachkit" packs --json >"$work/packs.json"
python3 - "$work/packs.json" <<'PY' || fail "packs --json: $(cat "$work/packs.json")"
import json, sys
packs = {p["id"]: p for p in json.load(open(sys.argv[1]))}
assert packs["acme-way"]["kind"] == "plugin", packs
assert packs["service-principles"]["kind"] == "folder", packs
PY
"$coachkit" plugins --json >"$work/plugins.json"
grep -q '"wallet-card"' "$work/plugins.json" || fail "plugins --json: no wallet-card"

step "lint and build the Acme pack: handouts and the wallet card"
mkdir "$work/acme"
cat >"$work/acme/coachkit.toml" <<'TOML'
[project]
packs = ["acme-way"]

[generators.wallet-card]
title = "Acme: every call"
dos = 1
TOML
"$coachkit" lint "$work/acme" >"$work/lint.log" 2>&1 || { cat "$work/lint.log"; fail "lint"; }
out=$work/out
"$coachkit" build --pack acme-way --format pdf,html --out "$out" >"$work/build.log" 2>&1 ||
  { cat "$work/build.log"; fail "build --pack acme-way"; }
for file in handouts/own-it.pdf handouts/own-it.html handouts/better-off.pdf \
  acme-way-handout.pdf acme-way-handout.html wallet-card/acme-way-wallet-card.pdf; do
  [[ -s $out/acme-way/$file ]] || fail "no $file; built: $(cd "$out" && find . -type f)"
done
[[ ! -e $out/acme-way/wallet-card/acme-way-wallet-card.html ]] ||
  fail "the wallet card is PDF only, but an HTML card was written"
card=$out/acme-way/wallet-card/acme-way-wallet-card.pdf
pdfinfo "$card" >"$work/card.info"
pages=$(awk '/^Pages:/ {print $2}' "$work/card.info")
[[ $pages == 2 ]] || fail "the card has $pages pages, not 2 (front and back)"
read -r width height < <(awk '/^Page size:/ {print $3, $5}' "$work/card.info")
python3 -c "import sys; w, h = map(float, sys.argv[1:]); \
sys.exit(0 if abs(w - 242.65) <= 0.5 and abs(h - 153.07) <= 0.5 else 1)" "$width" "$height" ||
  fail "the card is $width x $height pt, not 242.65 x 153.07 (85.6 x 54 mm)"
front=$(pdftotext -f 1 -l 1 "$card" -)
back=$(pdftotext -f 2 -l 2 "$card" -)
grep -q "Own the problem" <<<"$front" || fail "front without the principles: $front"
grep -q "Leave them better off" <<<"$front" || fail "front without the last principle: $front"
grep -q "Say you will take care of it" <<<"$back" || fail "back without the do's: $back"
grep -q "Own the problem" <<<"$back" && fail "the principles' titles are on the back too: $back"

# The project's [generators.wallet-card] options reach the generator.
"$coachkit" build "$work/acme" --only wallet-card --format pdf --out "$work/out2" \
  >"$work/build2.log" 2>&1 || { cat "$work/build2.log"; fail "build the project"; }
pdftotext "$work/out2/acme-way/wallet-card/acme-way-wallet-card.pdf" - | grep -q "Acme: every call" ||
  fail "the card does not carry the title option"

step "coachkit new plugin: build it against the prefix, run its test, load it"
"$coachkit" new plugin team-overview --dir "$work/team-overview" >/dev/null
"$coachkit" new plugin team-overview --dir "$work/team-overview" 2>/dev/null &&
  fail "new plugin wrote over an existing folder"
cmake -S "$work/team-overview" -B "$work/team-overview/build" "${cmake_isolated[@]}" \
  >"$work/team-configure.log" || { cat "$work/team-configure.log"; fail "configure new plugin"; }
cmake --build "$work/team-overview/build" >"$work/team-build.log" ||
  { cat "$work/team-build.log"; fail "build new plugin"; }
(cd "$work/team-overview/build" && ctest --output-on-failure >"$work/team-test.log") ||
  { cat "$work/team-test.log"; fail "the new plugin's own test"; }
grep -q "100% tests passed" "$work/team-test.log" || fail "the new plugin's test did not run"
COACHKIT_PLUGIN_PATH=$work/team-overview/build/lib/coachkit/plugins "$coachkit" plugins --json \
  >"$work/team-plugins.json" || fail "plugins with the new plugin: $(cat "$work/team-plugins.json")"
grep -q '"team-overview"' "$work/team-plugins.json" || fail "the new plugin was not loaded"

step "move the prefix: coachkit finds its own files from where it now is"
unset COACHKIT_PLUGIN_PATH
mv "$work/prefix" "$work/moved"
moved=$work/moved/bin/coachkit
"$moved" packs --json >"$work/moved-packs.json"
grep -q "\"from\": \"$work/moved/share/coachkit/packs/service-principles\"" "$work/moved-packs.json" ||
  fail "the moved coachkit does not find its default pack: $(cat "$work/moved-packs.json")"
"$moved" plugins --json >"$work/moved-plugins.json"
grep -q "$work/moved/lib/coachkit/plugins/coachkit-handout.so" "$work/moved-plugins.json" ||
  fail "the moved coachkit does not find its plugins: $(cat "$work/moved-plugins.json")"
"$moved" build --pack service-principles --format html --out "$work/out3" >"$work/build3.log" 2>&1 ||
  { cat "$work/build3.log"; fail "build the default pack from the moved prefix"; }
grep -q "border-collapse" "$work/out3/service-principles/handouts/respect.html" ||
  fail "the moved coachkit's HTML has no theme"
echo "ok"
