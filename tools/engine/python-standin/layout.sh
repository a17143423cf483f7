#!/bin/sh
# Runs inside a debootstrapped Debian root (chroot) with Debian's python3.X and python3.X-venv,
# and gives it the official python image's layout:
#   /usr/local/bin/python3.X (python3, python), pip (pip3, pip3.X) installed by the interpreter
#   itself, sys.prefix /usr/local, site-packages /usr/local/lib/python3.X/site-packages, and
#   `pip install` / `pip install --prefix=P` writing <prefix>/lib/python3.X/site-packages and
#   <prefix>/bin, so a builder stage's `--prefix=/install` copied to /usr/local is importable and
#   its console scripts are on PATH.
# How: Debian's interpreter is statically linked, and Python derives sys.prefix from where its
# binary sits and finds lib/python3.X/os.py, so a hard link in /usr/local/bin plus a
# /usr/local/lib/python3.X made of links to Debian's standard library gives prefix /usr/local.
# Debian's sysconfig prefers its 'posix_local' scheme (<prefix>/local/lib/python3.X/dist-packages);
# it is set to upstream's 'posix_prefix'. Debian's site module (frozen into the binary) adds
# <prefix>/lib/python3.X/dist-packages to sys.path, not site-packages: that name is a link to
# site-packages. Debian's EXTERNALLY-MANAGED marker is left out, as upstream has none.
set -eu
V=$1
stdlib=/usr/lib/python$V
local=/usr/local/lib/python$V
mkdir -p "$local/site-packages" /usr/local/bin /usr/local/include
for entry in "$stdlib"/* "$stdlib"/.[!.]*; do
  [ -e "$entry" ] || continue
  name=${entry##*/}
  case $name in EXTERNALLY-MANAGED|dist-packages|site-packages) continue ;; esac
  ln -s "$entry" "$local/$name"
done
rmdir "$local/dist-packages" 2>/dev/null || true  # Debian's python3.X ships it empty
ln -s site-packages "$local/dist-packages"
ln /usr/bin/python$V /usr/local/bin/python$V
ln -s python$V /usr/local/bin/python3
ln -s python3 /usr/local/bin/python
if [ -d "$stdlib/sysconfig" ]; then sc=$stdlib/sysconfig/__init__.py; else sc=$stdlib/sysconfig.py; fi
grep -q "prefix_scheme = 'posix_local'" "$sc"
sed -i "s/prefix_scheme = 'posix_local'/prefix_scheme = 'posix_prefix'  # stand-in: the official image's layout/" "$sc"
rm -f "$stdlib"/sysconfig/__pycache__/__init__.* "$stdlib"/__pycache__/sysconfig.*
# pip (and for 3.11, as in its official image, setuptools and wheel) from Debian's own wheels,
# installed by the interpreter into site-packages; pip is run from its wheel.
cd /
pip_whl=$(ls /usr/share/python-wheels/pip-*.whl)
extra=
case $V in 3.1[01]) extra=$(ls /usr/share/python-wheels/setuptools-*.whl /usr/share/python-wheels/wheel-*.whl 2>/dev/null || true) ;; esac
PYTHONDONTWRITEBYTECODE=1 /usr/local/bin/python$V "$pip_whl/pip" install --no-index --no-cache-dir \
  --disable-pip-version-check --root-user-action=ignore "$pip_whl" $extra
[ -x /usr/local/bin/pip ] || ln -s pip3 /usr/local/bin/pip
find /usr/local -name __pycache__ -type d -prune -exec rm -rf {} +
/usr/local/bin/python -c "import sys, sysconfig, pip; assert sys.prefix == '/usr/local', sys.prefix; assert sysconfig.get_path('purelib') == '$local/site-packages'"
/usr/local/bin/pip --version
