#!/usr/bin/env bash
# Installs everything the tests need (Python packages, Chromium, Tesseract) and runs them all:
# lint, format check, type check, pytest (unit, golden, property, AppTest, browser).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
tesseract --list-langs 2>/dev/null | grep -qx ind || need+=(tesseract-ocr tesseract-ocr-ind)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "installing system packages: ${need[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing system packages (${need[*]}); run as root or install them: browser/OCR tests will be skipped" >&2
  fi
fi
bash scripts/setup.sh dev
unset PYTHONDONTWRITEBYTECODE
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
