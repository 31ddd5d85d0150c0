#!/usr/bin/env bash
# Install the Debian packages the test suite needs, when they are missing.
# chromium: browser tests; bubblewrap + libseccomp2: the grading sandbox;
# fonts-noto-core + fonts-hosny-amiri: Arabic in pages and PDFs; libpango: WeasyPrint's text layout;
# poppler-utils, zbar-tools: certificate checks; nodejs + npm: the independent credential verifier;
# postgresql + redis-server: the PostgreSQL and RQ tests start private servers on loopback (tests/services.py);
# wrk: the HTTP load generator of `make bench`; stress-ng: the CPU hog of `make test-under-load`.
set -euo pipefail

PACKAGES=(chromium bubblewrap libseccomp2 fonts-noto-core fonts-noto-mono fonts-hosny-amiri libpango-1.0-0
          libpangoft2-1.0-0 poppler-utils zbar-tools postgresql redis-server wrk stress-ng)

missing=()
for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# Node.js comes with the machine image on some kinds; install Debian's only when there is none.
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "These Debian packages are needed and missing: ${missing[*]}" >&2
    echo "Install them as root: apt-get install ${missing[*]}" >&2
    exit 1
fi

echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
