"""Heavy commands run in a warm process: a copy of a background process that has already
imported the Genesys SDK, urllib3, httpx, python-hcl2 and the model.

Why: against the embedded sandbox an org command's own work (`deploy`, `export`, `delete`,
`import`, `drafts`, `integration`, `test --remote`) is ~10 ms; nearly all of its ~200 ms is
Python starting and importing what it needs, the SDK's urllib3 alone twice a bare interpreter.
Reading Terraform (`validate`, `test` or `convert` of a `.tf` file or folder) is likewise
~65 ms of loading python-hcl2, lark and the kept parser before ~55 ms of parsing. Commands
that need none of these (`validate` of YAML, `--help`) keep their own, lighter process.
So, as multiprocessing's forkserver and Android's zygote start processes, one background
process per user (and per code and interpreter settings) imports all that once, then forks a
copy of itself for each command. The command's own process, the console script, stays light:
it parses its command line, hands its arguments, working folder, environment, umask and its
very terminal or pipes (the file descriptors themselves, over a Unix socket) to the copy,
forwards Ctrl+C, and exits with the copy's exit code. The copy is the command: it reads the
settings, talks to the org and writes files exactly as the command's own process would.

- `client`: the console script's side (standard library only: it runs before anything loads);
- `server`: `python -m tui.warm.server`, the background process and the copies it forks;
- `places`: where its socket lives and which code and interpreter settings it runs with.

The first such command of a session runs in its own process and starts the background process
for the next ones. `DATAACTION_SANDBOX_IDLE` bounds how long it waits unused (default 600 s;
`0`: no background process at all). Linux only (`SO_PEERCRED`, descriptor passing, fork);
elsewhere, and whenever the warm process cannot take a command, the command runs in its own
process as before.
"""
