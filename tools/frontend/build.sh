#!/usr/bin/env bash
# Rebuild static/vendor/ from the pinned npm packages (package-lock.json). The output is committed,
# so a school server needs neither node nor the npm registry; run this only to upgrade the editor.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
mkdir -p ../../lms/static/vendor
npm run --silent build
echo "built lms/static/vendor/codemirror-editor.js ($(wc -c < ../../lms/static/vendor/codemirror-editor.js) bytes)"
