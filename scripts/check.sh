#!/usr/bin/env bash
# `npm run check`: formatting, lint, types and layering. ESLint's type-aware rules take the longest and use
# one core, so the formatting check and the type check run beside it; every failure is reported.
set -uo pipefail
cd "$(dirname "$0")/.."

npx eslint --max-warnings 0 . &
eslint=$!
npx prettier --check .
prettier=$?
npx tsc --noEmit -p tsconfig.json
tsc=$?
# Layering (.dependency-cruiser.cjs): website statistics reach no patron code (P6).
npx depcruise src --config .dependency-cruiser.cjs --output-type err
depcruise=$?
wait "$eslint"
eslint_status=$?

[ "$prettier" -eq 0 ] || echo 'check: prettier found files to format (npm run format)' >&2
[ "$eslint_status" -eq 0 ] || echo 'check: eslint failed' >&2
[ "$tsc" -eq 0 ] || echo 'check: tsc failed' >&2
[ "$depcruise" -eq 0 ] || echo 'check: dependency-cruiser found a forbidden import' >&2
[ "$prettier" -eq 0 ] && [ "$eslint_status" -eq 0 ] && [ "$tsc" -eq 0 ] && [ "$depcruise" -eq 0 ]
