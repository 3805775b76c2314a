"""What the CLI and the UI run: export orchestration and the command-line commands (export, keys and
verify, merge, answer). The top of the core; nothing below imports it. No Qt."""
