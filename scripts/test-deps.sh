#!/usr/bin/env bash
# What the browser tests need from Debian: Chromium, a font, Java (the Nu HTML Checker) and Node.js with npm.
# Used by `make test` and by .ci/run, so a fresh machine is set up the same way by both.
# As root it installs what is missing with apt-get; otherwise it prints the one command to run and fails.
set -euo pipefail
pkgs=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || pkgs+=(chromium)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || pkgs+=(fonts-dejavu-core)
command -v npm >/dev/null 2>&1 || pkgs+=(nodejs npm)
# Java runs vnu-jar; install it before npm ci, so that vnu-jar's install step finds it.
command -v java >/dev/null 2>&1 || pkgs+=(default-jre-headless)
[ ${#pkgs[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The browser tests need: ${pkgs[*]}. Install them first, for example:" >&2
  echo "  sudo apt-get update && sudo apt-get install --no-install-recommends ${pkgs[*]}" >&2
  echo "(or set CHROMIUM_PATH to another Chromium)." >&2
  exit 1
fi
echo "== apt-get install ${pkgs[*]}"
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${pkgs[@]}"
