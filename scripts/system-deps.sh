#!/usr/bin/env bash
# Install the Debian packages the test suite needs, when they are missing and we are root.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
# plans read .doc/.wps/.rtf/.odt through LibreOffice; pdftoppm rebuilds the scanned-PDF fixture
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
# pyspark (the spark extra) runs on a JVM; PySpark 4 needs Java 17 or later, Debian's default (17 on
# bookworm, 21 on trixie)
command -v java >/dev/null || need+=(default-jre-headless)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: missing ${need[*]}; install them as root (apt-get install ${need[*]})." >&2
  echo "system-deps: the tests that need them will be skipped (and fail with CI=true)." >&2
  exit 0
fi
echo "system-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
