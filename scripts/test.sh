#!/usr/bin/env bash
# The whole test suite: formatting, lints, Rust unit and integration tests, and the conformance
# tests that drive the local service with third-party clients (official Huawei, Tencent and
# Alibaba Python SDKs, aws-cli).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets -- -D warnings
# No separate `cargo build`: the integration tests make cargo build the vodesk binary (into
# target/debug, where the conformance tests find it), and a build of its own, with other
# features, only compiled the workspace a second time.
echo "== cargo test"
cargo test --workspace --no-fail-fast

echo "== conformance (Huawei, Tencent and Alibaba Python SDKs, aws-cli)"
# (Re)install when the venv is missing or requirements.txt changed since the last install: the
# hash of the installed requirements is kept inside the venv.
req=tests/conformance/requirements.txt
req_hash=$(sha256sum "$req" | cut -d' ' -f1)
if [ ! -x .venv/bin/pytest ] || [ "$(cat .venv/requirements.sha256 2>/dev/null)" != "$req_hash" ]; then
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r "$req"
  echo "$req_hash" > .venv/requirements.sha256
fi
# aws-cli must not pick up a CA bundle or instance metadata from the machine.
env -u AWS_CA_BUNDLE AWS_EC2_METADATA_DISABLED=true VODESK_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/vodesk" \
  .venv/bin/pytest tests/conformance -q -p no:cacheprovider
