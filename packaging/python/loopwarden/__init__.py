"""loopwarden: finds code that blocks Python's asyncio event loop.

The checker and language server are one native executable that pip installs into the
environment's scripts folder (on PATH in an activated virtual environment). This package only
finds it: `python -m loopwarden ARGS` runs it, and tools may call `find_loopwarden_bin()`.
"""

import os
import sys
import sysconfig

__all__ = ["find_loopwarden_bin"]

_EXE = "loopwarden" + (sysconfig.get_config_var("EXE") or "")


def _candidates():
    # Where pip put the scripts of this installation: the environment's scheme, then the
    # user scheme (pip install --user), then beside this package's prefix (pip install --target
    # / --prefix layouts put bin/ next to lib/).
    yield sysconfig.get_path("scripts")
    user_scheme = {"posix": "posix_user", "nt": "nt_user"}.get(os.name)
    if sys.version_info >= (3, 10):
        user_scheme = sysconfig.get_preferred_scheme("user")
    if user_scheme:
        try:
            yield sysconfig.get_path("scripts", scheme=user_scheme)
        except KeyError:
            pass
    package_dir = os.path.dirname(os.path.abspath(__file__))
    for up in (1, 4):  # <target>/loopwarden, <prefix>/lib/pythonX.Y/site-packages/loopwarden
        root = package_dir
        for _ in range(up):
            root = os.path.dirname(root)
        yield os.path.join(root, "bin")


def find_loopwarden_bin():
    """The path of the loopwarden executable installed with this package."""
    seen = set()
    for folder in _candidates():
        if not folder or folder in seen:
            continue
        seen.add(folder)
        path = os.path.join(folder, _EXE)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    raise FileNotFoundError(
        "the loopwarden executable was not found beside this Python package (looked in: "
        + ", ".join(sorted(seen))
        + "); reinstall the wheel: pip install --force-reinstall loopwarden"
    )
