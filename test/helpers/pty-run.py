#!/usr/bin/env python3
"""Runs a command on a real pseudo-terminal, answering prompts like a person would.

usage: pty-run.py SCRIPT_JSON TIMEOUT_S -- CMD ARGS...
SCRIPT_JSON is a list of [expect, send]: when `expect` has appeared in the output since the
last answer, `send` is typed. Everything the terminal showed is written to stdout; the exit
status is the command's. Stdin of this helper (if not a TTY) is ignored.
"""
import json, os, pty, select, sys, time

def main():
    script = json.loads(sys.argv[1])
    timeout = float(sys.argv[2])
    cmd = sys.argv[sys.argv.index('--') + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    out = b''
    seen_from = 0
    deadline = time.time() + timeout
    status = None
    while True:
        if time.time() > deadline:
            os.kill(pid, 9)
            sys.stdout.write(out.decode('utf-8', 'replace'))
            sys.stdout.write('\n[pty-run: timeout]\n')
            sys.exit(124)
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                data = os.read(fd, 4096)
            except OSError:
                data = b''
            if not data:
                break
            out += data
        if script and script[0][0].encode() in out[seen_from:]:
            time.sleep(0.05)
            os.write(fd, script[0][1].encode())
            seen_from = len(out)
            script.pop(0)
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
            # drain what is left
            while True:
                r, _, _ = select.select([fd], [], [], 0.05)
                if not r:
                    break
                try:
                    data = os.read(fd, 4096)
                except OSError:
                    break
                if not data:
                    break
                out += data
            break
    if status is None:
        _, status = os.waitpid(pid, 0)
    sys.stdout.write(out.decode('utf-8', 'replace'))
    sys.stdout.flush()
    sys.exit(os.waitstatus_to_exitcode(status) if hasattr(os, 'waitstatus_to_exitcode') else (status >> 8))

main()
