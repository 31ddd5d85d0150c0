#!/usr/bin/env bash
# Copy axe-core (pinned in package.json / package-lock.json) into tests/browser/vendor/ for the
# accessibility tests. It is committed, so the test suite needs neither node nor the npm registry,
# and it is never served to users: it lives under tests/, not static/. Run this only to upgrade axe.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
mkdir -p ../../tests/browser/vendor
cp node_modules/axe-core/axe.min.js ../../tests/browser/vendor/axe.min.js
cp node_modules/axe-core/LICENSE ../../tests/browser/vendor/axe-core.LICENSE
version=$(node -p 'require("./node_modules/axe-core/package.json").version')
echo "$version" > ../../tests/browser/vendor/axe-core.VERSION
echo "vendored axe-core $version into tests/browser/vendor/ ($(wc -c < ../../tests/browser/vendor/axe.min.js) bytes)"
