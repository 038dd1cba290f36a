#!/bin/sh
# Runs the demo at two commits, each in a fresh data dir, and compares every
# pack file with timestamps masked (scripts/compare-demo-packs.mjs): the check
# that a refactoring changes no output.
#
#   scripts/demo-packs-diff.sh <before-commit> [<after-commit, default HEAD>]
#
# Each commit is checked out into a temporary git worktree that borrows this
# checkout's node_modules (install first if the commits' dependencies differ
# from it), built, and run with `istv demo --no-pdf` (PDFs are prints of the
# HTML compared here, and carry their print date). Exit 0 when the packs agree.
set -eu
before=${1:?usage: scripts/demo-packs-diff.sh <before-commit> [<after-commit>]}
after=${2:-HEAD}
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d "${TMPDIR:-/tmp}/istv-demo-diff.XXXXXX")
cleanup() {
  for side in before after; do
    [ -d "$work/$side" ] && git -C "$repo" worktree remove --force "$work/$side" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

for side in before after; do
  if [ "$side" = before ]; then commit=$before; else commit=$after; fi
  git -C "$repo" worktree add --detach --quiet "$work/$side" "$commit"
  ln -s "$repo/node_modules" "$work/$side/node_modules"
  (cd "$work/$side" && node scripts/build.mjs >/dev/null && node bin/istv.js demo --data-dir "$work/demo-$side" --no-pdf --json >/dev/null)
  echo "$side: $(git -C "$repo" rev-parse --short "$commit") demo done" >&2
done
node "$repo/scripts/compare-demo-packs.mjs" "$work/demo-before" "$work/demo-after"
