"""Make sure Debian's chromium is there for the browser tests (they never skip).

Installs it with apt-get when missing and we are root; otherwise says the one command to run.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

CHROMIUM = "/usr/bin/chromium"
INSTALL = ["apt-get", "install", "-y", "-qq", "chromium"]


def main() -> int:
    if os.path.exists(CHROMIUM):
        return 0
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Debian's chromium for the browser tests…", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        if subprocess.run(INSTALL, env=env).returncode == 0 and os.path.exists(CHROMIUM):
            return 0
    print("The browser tests need Debian's chromium at /usr/bin/chromium. Run:\n"
          "  sudo apt-get install -y chromium", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
