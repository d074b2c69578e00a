#!/usr/bin/env bash
# A stand-in for terraform in the deploy CLI tests: records every call, fails where told, saves plan files.
# FAKE_TF_LOG: file to append "<start|end> <stack> <command> <epoch ms>" lines to
# FAKE_TF_FAIL: "<stack>:<command>" that exits 1 with a Terraform-style error (FAKE_TF_ERROR overrides the message)
# FAKE_TF_SLEEP: seconds each plan takes (only the stacks in FAKE_TF_SLEEP_STACKS, comma-separated, when it is set)
set -u
cmd="${1:-}"
stack="$(basename "$PWD")"
now() { date +%s%3N; }
if [ "$cmd" = "version" ]; then echo "Terraform v1.9.8"; exit 0; fi
echo "start $stack $cmd $(now) CHECKPOINT_DISABLE=${CHECKPOINT_DISABLE:-} TF_INPUT=${TF_INPUT:-}" >> "$FAKE_TF_LOG"
if [ "$cmd" = "plan" ] && [ -n "${FAKE_TF_SLEEP:-}" ]; then
  case ",${FAKE_TF_SLEEP_STACKS:-$stack}," in *",$stack,"*) sleep "$FAKE_TF_SLEEP";; esac
fi
if [ "${FAKE_TF_FAIL:-}" = "$stack:$cmd" ]; then
  echo "Error: ${FAKE_TF_ERROR:-something went wrong in $stack}" >&2
  echo "end $stack $cmd $(now)" >> "$FAKE_TF_LOG"
  exit 1
fi
case "$cmd" in
  init) mkdir -p .terraform && echo "Terraform has been successfully initialized!";;
  plan) for arg in "$@"; do case "$arg" in -out=*) echo "binary plan of $stack" > "${arg#-out=}";; esac; done; echo "Plan: 3 to add, 0 to change, 0 to destroy.";;
  show) echo "# $stack: 3 to add (readable plan from ${2:-?})";;
  apply) echo "Apply complete! Resources: 3 added, 0 changed, 0 destroyed.";;
esac
echo "end $stack $cmd $(now)" >> "$FAKE_TF_LOG"
