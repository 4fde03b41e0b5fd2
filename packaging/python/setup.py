"""Builds the loopwarden wheel around the prebuilt binary (see pyproject.toml).

The staged folder holds bin/loopwarden and wheel.json ({"version", "platform"}), written by
scripts/package.sh. The binary goes into the wheel's .data/scripts verbatim (setuptools would
try to read it as a Python script and rewrite a shebang), and the wheel is tagged
py3-none-<platform>: any Python 3, no ABI, the glibc and CPU the binary needs.
"""

import json
import os
import shutil

from setuptools import setup
from wheel.bdist_wheel import bdist_wheel

try:
    from setuptools.command.build_scripts import build_scripts
except ImportError:  # setuptools < 67 (Debian bookworm's 66): its bundled distutils
    from distutils.command.build_scripts import build_scripts

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "wheel.json"), encoding="utf-8") as f:
    BUILD = json.load(f)


class CopyBinary(build_scripts):
    """Copies the native executable as it is (no shebang rewriting), mode 0755."""

    def copy_scripts(self):
        self.mkpath(self.build_dir)
        outfiles = []
        for script in self.scripts:
            target = os.path.join(self.build_dir, os.path.basename(script))
            shutil.copyfile(script, target)
            os.chmod(target, 0o755)
            outfiles.append(target)
        return outfiles, outfiles


class PlatformWheel(bdist_wheel):
    """A platform wheel (Root-Is-Purelib: false) for every Python 3: py3-none-<platform>."""

    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self):
        return "py3", "none", BUILD["platform"]


setup(
    version=BUILD["version"],
    scripts=["bin/loopwarden"],
    cmdclass={"build_scripts": CopyBinary, "bdist_wheel": PlatformWheel},
)
