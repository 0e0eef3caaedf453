#!/usr/bin/env bash
# Installs the system libraries trotter builds against, only when missing (idempotent, safe to re-run).
set -euo pipefail
need=()
for pkg in libcurl4-openssl-dev libncurses-dev libsqlite3-dev tmux openssl; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "setup: installing ${need[*]}"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi
# The AWS tests run moto's server and botocore's signer (pip, only when missing).
if ! python3 -c "import moto.server, botocore, boto3" >/dev/null 2>&1; then
  command -v python3 >/dev/null 2>&1 || { sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"; $sudo_cmd apt-get update -qq;
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq python3 python3-pip >/dev/null; }
  echo "setup: installing moto[server] (with boto3 and botocore)"
  python3 -m pip install --quiet "moto[server]" boto3 || python3 -m pip install --quiet --break-system-packages "moto[server]" boto3
fi
# The /metrics tests read the exposition with prometheus_client's own parser (pip, only when missing).
if ! python3 -c "import prometheus_client.parser" >/dev/null 2>&1; then
  echo "setup: installing prometheus-client"
  python3 -m pip install --quiet prometheus-client || python3 -m pip install --quiet --break-system-packages prometheus-client
fi
# The coordination tests start throwaway PostgreSQL clusters (scripts/pg-cluster.sh): Debian's server, only when
# neither PATH nor Debian's versioned folder has initdb and pg_ctl.
have_pg() { local bin; for bin in initdb pg_ctl; do
  command -v "$bin" >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/"$bin" >/dev/null 2>&1 || return 1; done; }
if ! have_pg; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  echo "setup: installing postgresql"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
fi
