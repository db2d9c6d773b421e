#!/usr/bin/env bash
# Creates the Python venv that the live parity tests use, unless it already works.
# Location: $KERASJ_VENV, else .venv at the repository root. Prints one line saying what it did.
# Exit 0 when the venv has TensorFlow and Keras; exit 3 when they cannot be installed here.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${KERASJ_VENV:-$root/.venv}"
if [[ -x "$venv/bin/python" ]] && "$venv/bin/python" -c 'import tensorflow, keras, tensorboard' >/dev/null 2>&1; then
  echo "python venv: reusing $venv"
  exit 0
fi
python3 -m venv "$venv" || { echo "python venv: cannot create $venv (python3 -m venv failed)"; exit 3; }
if ! "$venv/bin/pip" install -q --retries 0 tensorflow-cpu tensorboard scikit-learn >"$venv.install.log" 2>&1; then
  echo "python venv: pip could not install tensorflow-cpu, tensorboard and scikit-learn into $venv (see $venv.install.log); the python-tagged tests will skip"
  exit 3
fi
echo "python venv: installed TensorFlow $("$venv/bin/python" -c 'import tensorflow as tf, keras; print(tf.__version__, "/ Keras", keras.__version__)' 2>/dev/null) into $venv"
