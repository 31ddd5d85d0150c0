#!/usr/bin/env bash
# Prepare this machine to grade Python exercises in the sandbox (lms/sandbox, docs/sandbox.md).
#
#   tools/setup-sandbox.sh [GRADING_VENV]      default: <repo>/.venv-sandbox
#
# Idempotent. It
#   1. installs bubblewrap, libseccomp2 and the base Python (Debian packages) when missing — as root only;
#   2. creates the grading virtualenv with only numpy, scikit-learn, pandas and matplotlib (pinned), from a base Python
#      every slot user can read (not one under /root);
#   3. creates the slot users maharat-sbx0..N-1 (root only) that sandboxed runs execute as;
#   4. installs pyseccomp into the app's virtualenv, which builds the seccomp filter.
#
# Environment: SANDBOX_BASE_PYTHON (default /usr/bin/python3.11), SANDBOX_SLOTS (default 4),
#              APP_PYTHON (default <repo>/.venv/bin/python; skipped when absent),
#              SANDBOX_REBUILD=1 (build a new venv even when the current one is up to date).
# Safe to run while grading goes on: the venv is replaced atomically (see step 2).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${1:-$repo/.venv-sandbox}"
case "$venv" in /*) ;; *) venv="$PWD/$venv" ;; esac
base_python="${SANDBOX_BASE_PYTHON:-/usr/bin/python3.11}"
slots="${SANDBOX_SLOTS:-4}"
app_python="${APP_PYTHON:-$repo/.venv/bin/python}"

# The grading venv holds exactly these (scikit-learn's, pandas' and matplotlib's own dependencies pinned
# too, so every machine grades with the same code). matplotlib needs no display: with no DISPLAY it
# picks its Agg backend, and its config and font cache go to HOME, the sandbox's writable folder.
packages=(
  numpy==2.4.6
  scikit-learn==1.9.1
  scipy==1.17.1
  joblib==1.6.0
  threadpoolctl==3.8.0
  narwhals==2.29.0
  cloudpickle==3.1.3
  pandas==3.1.1
  python-dateutil==4.0.0
  tzdata==2026.6
  matplotlib==3.11.2
  contourpy==1.3.3
  cycler==0.12.1
  fonttools==4.69.1
  kiwisolver==1.5.1
  packaging==26.4
  pillow==13.0.0
  pyparsing==3.3.3
)
if [ -n "${SANDBOX_PACKAGES+set}" ]; then  # tests only: a grading venv without the numerical stack
  read -r -a packages <<<"$SANDBOX_PACKAGES"
fi
pyseccomp="pyseccomp==0.1.2"

say() { printf 'setup-sandbox: %s\n' "$*"; }
die() { printf 'setup-sandbox: error: %s\n' "$*" >&2; exit 1; }
installed() {  # name==version of every distribution in the grading venv, sorted
  "$venv/bin/python" -I -c 'from importlib import metadata
print("\n".join(sorted(d.metadata["Name"].lower() + "==" + d.version for d in metadata.distributions())))'
}

is_root=false
[ "$(id -u)" -eq 0 ] && is_root=true

# 1. Debian packages -------------------------------------------------------------------------
missing=()
command -v bwrap >/dev/null || missing+=(bubblewrap)
ldconfig -p 2>/dev/null | grep 'libseccomp\.so\.2' >/dev/null || missing+=(libseccomp2)
[ -x "$base_python" ] || missing+=(python3.11 python3.11-venv)
if [ "$base_python" = /usr/bin/python3.11 ] && [ -x "$base_python" ] \
   && ! "$base_python" -c 'import ensurepip' 2>/dev/null; then
  missing+=(python3.11-venv)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  $is_root || die "missing Debian packages (${missing[*]}); run this script as root or install them"
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 2. The grading virtualenv ------------------------------------------------------------------
# Safe while this or another machine's app grades: a new venv is built beside the one in use, then
# put in place by one rename (GRADING_VENV becomes a symlink to a version in GRADING_VENV.d/); a run
# binds the version current when it starts, and the previous version is kept for runs still going.
exec 9>"$venv.lock"
flock 9  # one instance of this script at a time per venv
wanted="$(printf '%s\n' "${packages[@]}" | sed '/^$/d' | sort)"
have=""
if [ -x "$venv/bin/python" ]; then
  have="$(installed 2>/dev/null || true)"
fi
if [ "$have" = "$wanted" ] && [ "${SANDBOX_REBUILD:-0}" != 1 ] \
   && grep -q "^home = $(dirname "$base_python")\$" "$venv/pyvenv.cfg" 2>/dev/null; then
  say "grading venv $venv is up to date"
else
  if [ -e "$venv" ] && ! [ -L "$venv" ]; then
    [ -f "$venv/pyvenv.cfg" ] || die "$venv exists and is not a virtualenv: refusing to replace it"
  fi
  versions="$venv.d"
  mkdir -p "$versions"
  chmod 755 "$versions"
  version="$(date -u +%Y%m%dT%H%M%S)-$$"
  build="$versions/$version"
  say "creating the grading venv $build from $base_python"
  "$base_python" -m venv "$build"
  if [ -n "$wanted" ]; then
    "$build/bin/python" -m pip install --quiet --disable-pip-version-check --no-cache-dir "${packages[@]}"
  fi
  # Nothing but the numerical stack inside: no installer, no setuptools.
  "$build/bin/python" -m pip uninstall --quiet --yes pip setuptools >/dev/null 2>&1 || true
  rm -f "$build"/bin/activate* "$build"/bin/pip*
  have="$(venv="$build" installed)"
  [ "$have" = "$wanted" ] || die "grading venv holds unexpected packages:"$'\n'"$have"
  chmod -R a+rX "$build"
  # The switch: rename(2) of a symlink over GRADING_VENV. A real directory there (made by an older
  # version of this script) is swapped with the symlink in one renameat2(RENAME_EXCHANGE) instead.
  link="$venv.new.$$"
  ln -sfn "$(basename "$versions")/$version" "$link"
  if [ -d "$venv" ] && ! [ -L "$venv" ]; then
    "$base_python" - "$link" "$venv" <<'PY'
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
if libc.renameat2(-100, os.fsencode(sys.argv[1]), -100, os.fsencode(sys.argv[2]), 2) != 0:  # RENAME_EXCHANGE
    raise OSError(ctypes.get_errno(), "renameat2(RENAME_EXCHANGE) failed", sys.argv[2])
PY
    mv -T "$link" "$versions/previous-$version"  # the old real directory, now unused
  else
    mv -T "$link" "$venv"
  fi
  say "grading venv $venv now points to $build"
  # Keep the version in use and the one before it (runs that started on it may still be going).
  current="$(readlink "$venv")"
  # shellcheck disable=SC2012 # version names have no spaces
  ls -1t "$versions" | while read -r old; do
    [ "$(basename "$versions")/$old" = "$current" ] && continue
    if [ -n "${kept:-}" ]; then rm -rf "${versions:?}/$old"; else kept=1; fi
  done
fi
chmod a+rX "$venv" "$venv/" 2>/dev/null || true

# 3. Slot users ------------------------------------------------------------------------------
if $is_root; then
  for ((i = 0; i < slots; i++)); do
    user="maharat-sbx$i"
    if id "$user" >/dev/null 2>&1; then
      continue
    fi
    say "creating slot user $user"
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin --user-group "$user"
  done
  # Every slot user must reach the interpreter: bubblewrap opens it as that user.
  if ! setpriv --reuid maharat-sbx0 --regid maharat-sbx0 --clear-groups \
       "$venv/bin/python" -I -c "${SANDBOX_CHECK_IMPORTS:-import numpy, sklearn, pandas, matplotlib}" 2>/dev/null; then
    die "slot user maharat-sbx0 cannot run $venv/bin/python: keep the grading venv and its base Python outside private directories (e.g. not under /root)"
  fi
else
  say "not root: no slot users needed, sandboxed runs execute as $(id -un)"
fi

# 4. pyseccomp in the app's virtualenv -------------------------------------------------------
if [ -x "$app_python" ]; then
  if ! "$app_python" -c 'import pyseccomp' 2>/dev/null; then
    say "installing $pyseccomp into $(dirname "$(dirname "$app_python")")"
    "$app_python" -m pip install --quiet --disable-pip-version-check "$pyseccomp"
  fi
else
  say "no app venv at $app_python: install $pyseccomp into it yourself"
fi

say "done: SandboxConfig(python=\"$venv/bin/python\")"
