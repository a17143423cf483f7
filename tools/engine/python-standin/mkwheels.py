"""Turns Debian's Python packages into wheels for the stand-in's offline package index.

Runs inside a Debian root (chroot) where the packages are installed, with that root's python3:
    python3 mkwheels.py OUT --pure python3-django gunicorn ... --binary python3-psycopg2:psycopg2-binary

--pure PKG: a py3-none-any wheel from the files PKG installs in /usr/lib/python3/dist-packages,
  with a dist-info made from the package's own egg-info/dist-info (Name, Version, Requires-Dist,
  entry points, so pip writes console scripts such as gunicorn and django-admin).
--binary PKG:NAME: a wheel named NAME for this Python only (cpXY-cpXY-manylinux_2_N_<arch>), its
  extension modules' shared-library dependencies bundled in <NAME>.libs with RPATH set, as
  auditwheel does for the wheels on PyPI (so it imports where the library package is absent).
Symbolic links (Debian replaces bundled JavaScript by links to libjs-* packages) are followed;
a dangling one is an error. Standard library only.
"""
import argparse
import base64
import email.parser
import hashlib
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile

DIST = "/usr/lib/python3/dist-packages/"
# Libraries every manylinux platform provides (auditwheel's policy): never bundled.
SYSTEM_LIBS = re.compile(
    r"^(linux-vdso|ld-linux[-\w]*|libc|libm|libdl|librt|libpthread|libresolv|libutil|libnsl|libcrypt|libgcc_s|libstdc\+\+)\.so"
)


def dpkg_files(pkg):
    out = subprocess.run(["dpkg", "-L", pkg], check=True, capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line.startswith(DIST) and "/__pycache__" not in line]


def norm(name):
    return re.sub(r"[-_.]+", "_", name).lower()


def requires_from_egg(requires_txt):
    """egg-info requires.txt -> Requires-Dist lines (sections are [extra], [:marker], [extra:marker])."""
    out, extra, marker = [], None, None
    for raw in requires_txt.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = re.match(r"^\[(.*)\]$", line)
        if m:
            extra, _, marker = m.group(1).partition(":")
            extra, marker = extra or None, marker or None
            continue
        conds = []
        if marker:
            conds.append(f"({marker})" if " or " in marker else marker)
        if extra:
            conds.append(f'extra == "{extra}"')
        out.append(line + ("; " + " and ".join(conds) if conds else ""))
    return out


# Upstream requirements that Debian dropped from a package's metadata (it ships them as Debian
# dependencies instead); added back when the metadata has no unconditional Requires-Dist.
UPSTREAM_REQUIRES = {
    ("django", "3.2."): ["asgiref<4,>=3.3.2", "pytz", "sqlparse>=0.2.2"],
    ("gunicorn", "20.1."): ["setuptools>=3.0"],
    ("uvicorn", "0.17."): ["asgiref>=3.4.0", "click>=7.0", "h11>=0.8"],
}


def restore_requires(text):
    msg = email.parser.Parser().parsestr(text)
    if any("extra ==" not in r for r in msg.get_all("Requires-Dist") or []):
        return text
    for (name, prefix), reqs in UPSTREAM_REQUIRES.items():
        if norm(msg["Name"]) == name and msg["Version"].startswith(prefix):
            head, sep, body = text.partition("\n\n")
            return head.rstrip("\n") + "\n" + "".join(f"Requires-Dist: {r}\n" for r in reqs) + "\n" + body
    return text


def read_metadata(meta_dir):
    """Returns (headers message, body, extra dist-info files) from an egg-info or dist-info."""
    if os.path.isfile(meta_dir):  # an old-style single-file egg-info
        text, files = open(meta_dir, encoding="utf-8").read(), {}
    else:
        name = "METADATA" if meta_dir.endswith(".dist-info") else "PKG-INFO"
        text = open(os.path.join(meta_dir, name), encoding="utf-8").read()
        files = {}
        for f in ("entry_points.txt", "top_level.txt"):
            p = os.path.join(meta_dir, f)
            if os.path.isfile(p):
                files[f] = open(p, encoding="utf-8").read()
        req = os.path.join(meta_dir, "requires.txt")
        msg = email.parser.Parser().parsestr(text)
        if os.path.isfile(req) and not msg.get_all("Requires-Dist"):
            head, sep, body = text.partition("\n\n")
            extras = sorted({m.group(1) for m in re.finditer(r"extra == \"([^\"]+)\"", "\n".join(requires_from_egg(open(req).read())))})
            add = "".join(f"Requires-Dist: {r}\n" for r in requires_from_egg(open(req).read()))
            add += "".join(f"Provides-Extra: {e}\n" for e in extras if f"Provides-Extra: {e}" not in head)
            text = head.rstrip("\n") + "\n" + add + "\n" + body
    return text, files


class Wheel:
    def __init__(self, out, name, version, tag, purelib=True):
        self.name, self.version, self.tag = name, version, tag
        self.filename = f"{norm(name)}-{version}-{tag}.whl"
        self.path = os.path.join(out, self.filename)
        self.zip = zipfile.ZipFile(self.path + ".part", "w", zipfile.ZIP_DEFLATED)
        self.record = []
        self.purelib = purelib
        self.info = f"{norm(name)}-{version}.dist-info"

    def add(self, arcname, data, mode=0o644):
        zi = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
        zi.external_attr = (0o100000 | mode) << 16
        zi.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(zi, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        self.record.append(f"{arcname},sha256={digest},{len(data)}")

    def add_file(self, arcname, path):
        if not os.path.exists(path):
            raise SystemExit(f"mkwheels: {path} is a dangling link (install the package it points into)")
        mode = 0o755 if os.access(path, os.X_OK) and not path.endswith(".py") else 0o644
        with open(path, "rb") as f:
            self.add(arcname, f.read(), mode)

    def finish(self, metadata, files):
        self.add(f"{self.info}/METADATA", metadata.encode())
        for name, text in files.items():
            self.add(f"{self.info}/{name}", text.encode())
        wheel = (
            "Wheel-Version: 1.0\nGenerator: docker-django stand-in (from Debian packages)\n"
            f"Root-Is-Purelib: {'true' if self.purelib else 'false'}\nTag: {self.tag}\n"
        )
        self.add(f"{self.info}/WHEEL", wheel.encode())
        self.record.append(f"{self.info}/RECORD,,")
        zi = zipfile.ZipInfo(f"{self.info}/RECORD", date_time=(2020, 1, 1, 0, 0, 0))
        zi.external_attr = 0o100644 << 16
        self.zip.writestr(zi, "\n".join(self.record) + "\n")
        self.zip.close()
        os.replace(self.path + ".part", self.path)
        print(f"mkwheels: {self.filename}")


def collect(pkg):
    """The package's files below dist-packages and its metadata directory (None if it has none)."""
    files = dpkg_files(pkg)
    metas = sorted({m.group(0) for f in files for m in [re.match(re.escape(DIST) + r"[^/]+\.(egg|dist)-info", f)] if m})
    if not metas:
        return None, [f for f in files if os.path.isfile(f)]
    payload = [f for f in files if os.path.isfile(f) and not any(f == m or f.startswith(m + "/") for m in metas)]
    return metas[0], payload


def top_levels(payload):
    return sorted({f[len(DIST):].split("/")[0].removesuffix(".py") for f in payload if not f.endswith(".pth")})


def set_name(text, name):
    return re.sub(r"(?m)^Name: .*$", f"Name: {name}", text, count=1)


def upstream_version(pkg):
    v = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", pkg], check=True, capture_output=True, text=True).stdout
    return re.sub(r"^\d+:", "", v).rsplit("-", 1)[0].split("+dfsg")[0]


def pure(out, spec):
    pkg, _, fallback_name = spec.partition(":")
    meta_dir, payload = collect(pkg)
    if any(re.search(r"\.so(\.|$)", f) for f in payload):
        raise SystemExit(f"mkwheels: {pkg} has compiled code; use --binary")
    if meta_dir:
        text, files = read_metadata(meta_dir)
        text = restore_requires(text)
    elif not payload:
        print(f"mkwheels: {pkg} skipped (no Python files: a transitional package)")
        return
    elif fallback_name:  # Debian dropped the metadata: name it, version from the Debian package
        text, files = f"Metadata-Version: 2.1\nName: {fallback_name}\nVersion: {upstream_version(pkg)}\n\n", {}
    else:
        raise SystemExit(f"mkwheels: {pkg} has no egg-info or dist-info (give its name as {pkg}:Name)")
    msg = email.parser.Parser().parsestr(text)
    files.setdefault("top_level.txt", "\n".join(top_levels(payload)) + "\n")
    w = Wheel(out, msg["Name"], msg["Version"], "py3-none-any")
    for f in payload:
        w.add_file(f[len(DIST):], f)
    w.finish(text, files)


def ldd(path):
    out = subprocess.run(["ldd", path], check=True, capture_output=True, text=True).stdout
    libs = {}
    for line in out.splitlines():
        m = re.match(r"\s*(\S+) => (/\S+)", line)
        if m:
            libs[m.group(1)] = m.group(2)
    return libs


def binary(out, pkg, name):
    meta_dir, payload = collect(pkg)
    if not meta_dir:
        raise SystemExit(f"mkwheels: {pkg} has no egg-info or dist-info")
    text, files = read_metadata(meta_dir)
    text = set_name(text, name)
    msg = email.parser.Parser().parsestr(text)
    files.setdefault("top_level.txt", "\n".join(top_levels(payload)) + "\n")
    py = f"cp{sys.version_info[0]}{sys.version_info[1]}"
    soabi = sysconfig.get_config_var("SOABI")  # cpython-313-x86_64-linux-gnu
    glibc = os.confstr("CS_GNU_LIBC_VERSION").split()[1].replace(".", "_")  # the glibc it was built on
    arch = os.uname().machine
    tag = f"{py}-{py}-manylinux_{glibc}_{arch}"
    libs_dir = f"{norm(name)}.libs"
    w = Wheel(out, msg["Name"], msg["Version"], tag, purelib=False)
    tmp = tempfile.mkdtemp()
    bundled = {}
    for f in payload:
        rel = f[len(DIST):]
        if f.endswith(".so") and ".cpython-" in f:
            if f".{soabi}.so" not in f:
                continue  # an extension for another Python version
            copy = os.path.join(tmp, os.path.basename(f))
            shutil.copy(f, copy)
            for soname, lib in ldd(f).items():
                if not SYSTEM_LIBS.match(soname):
                    bundled[soname] = lib
            depth = rel.count("/")
            rpath = "$ORIGIN/" + "../" * depth + libs_dir
            subprocess.run(["patchelf", "--set-rpath", rpath, copy], check=True)
            w.add_file(rel, copy)
        else:
            w.add_file(rel, f)
    for soname, lib in sorted(bundled.items()):
        copy = os.path.join(tmp, soname)
        shutil.copy(lib, copy)
        subprocess.run(["patchelf", "--set-rpath", "$ORIGIN", copy], check=True)
        w.add_file(f"{libs_dir}/{soname}", copy)
    print(f"mkwheels: {name} bundles {', '.join(sorted(bundled))}")
    w.finish(text, files)
    shutil.rmtree(tmp)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--pure", nargs="*", default=[])
    p.add_argument("--binary", nargs="*", default=[])
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for pkg in a.pure:
        pure(a.out, pkg)
    for spec in a.binary:
        pkg, _, name = spec.partition(":")
        binary(a.out, pkg, name)


if __name__ == "__main__":
    main()
