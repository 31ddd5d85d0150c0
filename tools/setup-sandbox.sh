#!/usr/bin/env bash
# Prepare this machine to grade Python exercises in the sandbox (lms/sandbox, docs/sandbox.md).
#
#   tools/setup-sandbox.sh [GRADING_VENV]      default: <repo>/.venv-sandbox
#
# Idempotent. It
#   1. installs bubblewrap, libseccomp2 and the base Python (Debian packages) when missing — as root only;
#   2. creates the grading virtualenv with only numpy and scikit-learn (pinned), from a base Python
#      every slot user can read (not one under /root);
#   3. creates the slot users maharat-sbx0..N-1 (root only) that sandboxed runs execute as;
#   4. installs pyseccomp into the app's virtualenv, which builds the seccomp filter.
#
# Environment: SANDBOX_BASE_PYTHON (default /usr/bin/python3.11), SANDBOX_SLOTS (default 4),
#              APP_PYTHON (default <repo>/.venv/bin/python; skipped when absent).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${1:-$repo/.venv-sandbox}"
case "$venv" in /*) ;; *) venv="$PWD/$venv" ;; esac
base_python="${SANDBOX_BASE_PYTHON:-/usr/bin/python3.11}"
slots="${SANDBOX_SLOTS:-4}"
app_python="${APP_PYTHON:-$repo/.venv/bin/python}"

# The grading venv holds exactly these (scikit-learn's own dependencies pinned too, so every
# machine grades with the same code).
packages=(
  numpy==2.4.6
  scikit-learn==1.9.1
  scipy==1.17.1
  joblib==1.6.0
  threadpoolctl==3.8.0
  narwhals==2.29.0
  cloudpickle==3.1.3
)
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
wanted="$(printf '%s\n' "${packages[@]}" | sort)"
have=""
if [ -x "$venv/bin/python" ]; then
  have="$(installed 2>/dev/null || true)"
fi
if [ "$have" = "$wanted" ] && grep -q "^home = $(dirname "$base_python")\$" "$venv/pyvenv.cfg" 2>/dev/null; then
  say "grading venv $venv is up to date"
else
  say "creating the grading venv $venv from $base_python"
  if [ -e "$venv" ]; then
    [ -f "$venv/pyvenv.cfg" ] || die "$venv exists and is not a virtualenv: refusing to replace it"
    rm -rf "$venv"
  fi
  "$base_python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-cache-dir "${packages[@]}"
  # Nothing but the numerical stack inside: no installer, no setuptools.
  "$venv/bin/python" -m pip uninstall --quiet --yes pip setuptools >/dev/null 2>&1 || true
  rm -f "$venv"/bin/activate* "$venv"/bin/pip*
  have="$(installed)"
  [ "$have" = "$wanted" ] || die "grading venv holds unexpected packages:"$'\n'"$have"
fi
chmod -R a+rX "$venv"

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
       "$venv/bin/python" -I -c "import numpy, sklearn" 2>/dev/null; then
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
