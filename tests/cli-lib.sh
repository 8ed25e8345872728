# cli-lib.sh: what the command-line test scripts share (tests/pack/run.sh, tests/print/run.sh):
# failures are counted in $failures; the output of the last command is in $work/out.txt.
# Source it after setting $work.

failures=0

fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# run EXPECTED_STATUS COMMAND...: runs it, output (stdout and stderr) in $work/out.txt
run() {
  local want=$1
  shift
  "$@" >"$work/out.txt" 2>&1
  local rc=$?
  if [ "$rc" -ne "$want" ]; then
    fail "exit status $rc, not $want: $*"
    sed 's/^/    /' "$work/out.txt" | head -40
  fi
}

# has LINE: the last output has this exact line
has() {
  if ! grep -qxF -- "$1" "$work/out.txt"; then
    fail "no line: $1"
    sed 's/^/    /' "$work/out.txt" | head -40
  fi
}

lacks() {
  if grep -qF -- "$1" "$work/out.txt"; then
    fail "unexpected: $1"
  fi
}
