"""`python -m loopwarden ARGS`: runs the loopwarden executable with ARGS."""

import os
import subprocess
import sys

from loopwarden import find_loopwarden_bin


def main():
    try:
        binary = find_loopwarden_bin()
    except FileNotFoundError as error:
        print("loopwarden: error: " + str(error), file=sys.stderr)
        return 2
    argv = [binary, *sys.argv[1:]]
    if os.name == "posix":
        os.execv(binary, argv)  # the server's stdin/stdout go straight to the editor
    return subprocess.call(argv)


if __name__ == "__main__":
    sys.exit(main())
