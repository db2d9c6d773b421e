#!/usr/bin/env python3
"""A fork server for KerasJ's tests: imports NumPy, TensorFlow and Keras once, then runs each script in a fork.

Importing TensorFlow and Keras takes about 5 s of CPU, and a test run starts some 30 reference scripts; the Java
side (io.kerasj.testing.PythonZygote) starts this once per test JVM instead. Each request is one JSON line on
standard input:

  {"id": N, "script": PATH, "args": [...], "cwd": DIR, "stdout": FILE, "stderr": FILE}

and for each the server forks a child that runs PATH as `python PATH ARGS` would (as __main__, its folder first on
sys.path, standard input empty, standard output and error into the two files) and exits with the script's exit
code. Nothing in the server has run a TensorFlow op or built a Keras object, so each child starts as fresh as a new
process after its imports (the runtime, its thread pools and Keras's name counters are made in the child). Scripts
that need another environment than the server's (TF_ENABLE_ONEDNN_OPTS, read as TensorFlow loads) are run as
processes of their own by the Java side.

The server answers on standard output, one JSON line per event: {"id": N, "pid": PID} once the child is forked,
{"id": N, "exit": CODE} once it has ended (CODE -S for a signal S). It ends at the end of its input.
"""

import json
import os
import runpy
import sys
import threading
import traceback

import numpy  # noqa: F401  (imported once, for every child)
import tensorflow  # noqa: F401
import keras  # noqa: F401

_replies = os.fdopen(os.dup(sys.stdout.fileno()), "w")
_lock = threading.Lock()


def reply(message):
    with _lock:
        _replies.write(json.dumps(message) + "\n")
        _replies.flush()


def run_child(request):
    """In the forked child: runs the script as __main__ and never returns."""
    code = 1
    try:
        _replies.close()
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(os.open(request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), 1)
        os.dup2(os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644), 2)
        os.chdir(request["cwd"])
        script = os.path.abspath(request["script"])
        sys.argv = [script] + list(request["args"])
        sys.path.insert(0, os.path.dirname(script))
        try:
            runpy.run_path(script, run_name="__main__")
            code = 0
        except SystemExit as e:
            if e.code is None:
                code = 0
            elif isinstance(e.code, int):
                code = e.code
            else:
                print(e.code, file=sys.stderr)
                code = 1
    except BaseException:  # noqa: B902  (the child reports anything and exits, as python would)
        traceback.print_exc()
        code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code & 0xFF)


def wait_for(request_id, pid):
    _, status = os.waitpid(pid, 0)
    reply({"id": request_id, "exit": os.waitstatus_to_exitcode(status)})


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        with _lock:  # no reply half written into the child's copy of the buffer
            pid = os.fork()
        if pid == 0:
            run_child(request)
        reply({"id": request["id"], "pid": pid})
        threading.Thread(target=wait_for, args=(request["id"], pid), daemon=True).start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
