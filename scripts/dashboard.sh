#!/usr/bin/env bash
# Builds data/kinerja.duckdb from data/raw/ and starts the dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
unset PYTHONDONTWRITEBYTECODE
.venv/bin/python -m etl load data/raw
exec .venv/bin/streamlit run dashboard/streamlit_app.py --server.address "${ADDRESS:-127.0.0.1}" --server.port "${PORT:-8501}"
