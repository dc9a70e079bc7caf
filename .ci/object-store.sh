#!/usr/bin/env bash
# Starts a throw-away S3-compatible object store for the server tests: OpenStack
# Swift from Debian with its s3api middleware, one node, one device, one replica.
#
# Source it, so the variables reach the tests, and stop it when done:
#     . .ci/object-store.sh
#     trap berkas_object_store_stop EXIT
# Or run it to get the variables to eval:  eval "$(bash .ci/object-store.sh --print)"
#
# Installs swift, swift-proxy, swift-object, swift-container and swift-account from
# Debian when swift-proxy-server is missing; writes every config, ring and device
# into one fresh temporary folder (swift_dir points there, so /etc/swift is never
# read or written); listens on 127.0.0.1 only, on free random ports; tempauth with
# one throw-away user. Creates the bucket `berkas-test` through S3 itself.
# Exports BERKAS_S3_ENDPOINT, BERKAS_S3_BUCKET, BERKAS_S3_REGION,
# BERKAS_S3_ACCESS_KEY_ID, BERKAS_S3_SECRET_ACCESS_KEY and BERKAS_SWIFT_DIR;
# defines berkas_object_store_stop. When it cannot start it says why on stderr
# and returns 1 (the S3 tests then report that they were skipped and why).

berkas_object_store_free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

berkas_object_store_start() {
  local dir sudo="" user py=/usr/bin/python3 p_proxy p_acc p_con p_obj secret
  [ "$(id -u)" = 0 ] || sudo="sudo"
  if ! command -v swift-proxy-server >/dev/null 2>&1; then
    echo "[object-store] installing OpenStack Swift from Debian" >&2
    $sudo apt-get update -qq >&2
    # RUNLEVEL=1: the packages' own services are not started; we run ours.
    DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $sudo apt-get install -y -qq --no-install-recommends \
      swift swift-proxy swift-object swift-container swift-account >&2 || return 1
  fi
  command -v swift-proxy-server >/dev/null 2>&1 || { echo "[object-store] swift-proxy-server not found" >&2; return 1; }
  # Debian's Swift is a module of Debian's python3; a python3 earlier on PATH (pyenv) would not find it.
  "$py" -c 'import swift.common.middleware.s3api' 2>/dev/null || { echo "[object-store] $py cannot import swift's s3api" >&2; return 1; }

  dir=$(mktemp -d "${TMPDIR:-/tmp}/berkas-swift.XXXXXX") || return 1
  user=$(id -un)
  p_proxy=$(berkas_object_store_free_port) && p_acc=$(berkas_object_store_free_port) \
    && p_con=$(berkas_object_store_free_port) && p_obj=$(berkas_object_store_free_port) || return 1
  secret=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  mkdir -p "$dir/srv/d1" "$dir/run" "$dir/cache"
  # Swift keeps object metadata in extended attributes: a filesystem without them fails here, not mid-test.
  "$py" -c "import os,sys; f=sys.argv[1]+'/srv/d1/.x'; open(f,'w').close(); os.setxattr(f,'user.t',b'1'); os.remove(f)" "$dir" 2>/dev/null \
    || { echo "[object-store] $dir has no user extended attributes (Swift needs them)" >&2; rm -rf "$dir"; return 1; }

  cat >"$dir/swift.conf" <<EOF
[swift-hash]
swift_hash_path_suffix = $(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
swift_hash_path_prefix = $(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
[storage-policy:0]
name = gold
default = yes
EOF
  local common="[DEFAULT]
bind_ip = 127.0.0.1
swift_dir = $dir
devices = $dir/srv
mount_check = false
user = $user
workers = 1
log_facility = LOG_LOCAL0
log_name = swift
log_level = WARNING
recon_cache_path = $dir/cache
"
  printf '%sbind_port = %s\n[pipeline:main]\npipeline = account-server\n[app:account-server]\nuse = egg:swift#account\n' "$common" "$p_acc" >"$dir/account-server.conf"
  printf '%sbind_port = %s\n[pipeline:main]\npipeline = container-server\n[app:container-server]\nuse = egg:swift#container\n' "$common" "$p_con" >"$dir/container-server.conf"
  printf '%sbind_port = %s\n[pipeline:main]\npipeline = object-server\n[app:object-server]\nuse = egg:swift#object\n' "$common" "$p_obj" >"$dir/object-server.conf"
  cat >"$dir/proxy-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $p_proxy
swift_dir = $dir
user = $user
workers = 1
log_level = WARNING
[pipeline:main]
pipeline = catch_errors gatekeeper proxy-logging cache listing_formats s3api tempauth copy slo dlo proxy-logging proxy-server
[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
[filter:tempauth]
use = egg:swift#tempauth
user_berkas_ci = $secret .admin
[filter:s3api]
use = egg:swift#s3api
location = us-east-1
[filter:cache]
use = egg:swift#memcache
[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
EOF
  local ring port
  for ring in account container object; do
    case $ring in account) port=$p_acc ;; container) port=$p_con ;; object) port=$p_obj ;; esac
    (cd "$dir" && swift-ring-builder "$ring.builder" create 6 1 1 && swift-ring-builder "$ring.builder" add "r1z1-127.0.0.1:$port/d1" 1 \
      && swift-ring-builder "$ring.builder" rebalance) >"$dir/ring-$ring.log" 2>&1 || { cat "$dir/ring-$ring.log" >&2; rm -rf "$dir"; return 1; }
  done

  local s pids=()
  for s in account container object proxy; do
    "$py" "$(command -v swift-$s-server)" "$dir/$s-server.conf" >"$dir/$s.log" 2>&1 &
    pids+=($!)
  done
  echo "${pids[*]}" >"$dir/pids"
  export BERKAS_SWIFT_DIR="$dir"

  export BERKAS_S3_ENDPOINT="http://127.0.0.1:$p_proxy"
  export BERKAS_S3_BUCKET="berkas-test"
  export BERKAS_S3_REGION="us-east-1"
  export BERKAS_S3_ACCESS_KEY_ID="berkas:ci"
  export BERKAS_S3_SECRET_ACCESS_KEY="$secret"
  # Ready when the bucket can be made through S3 (signed, so tempauth and s3api both answer).
  local ok=""
  for _ in $(seq 1 60); do
    if (cd "$(dirname "${BASH_SOURCE[0]}")/.." && node --import tsx .ci/object-store-bucket.ts) >"$dir/bucket.log" 2>&1; then ok=1; break; fi
    sleep 1
  done
  if [ -z "$ok" ]; then
    echo "[object-store] Swift did not answer S3 within 60 s:" >&2
    tail -n 20 "$dir"/*.log >&2
    berkas_object_store_stop
    return 1
  fi
  echo "[object-store] OpenStack Swift $("$py" -c 'import swift; print(swift.__version__)') with s3api on $BERKAS_S3_ENDPOINT, bucket $BERKAS_S3_BUCKET, data in $dir" >&2
}

berkas_object_store_stop() {
  [ -n "${BERKAS_SWIFT_DIR:-}" ] || return 0
  local pid
  for pid in $(cat "$BERKAS_SWIFT_DIR/pids" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
  for pid in $(cat "$BERKAS_SWIFT_DIR/pids" 2>/dev/null); do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$BERKAS_SWIFT_DIR"
  unset BERKAS_SWIFT_DIR BERKAS_S3_ENDPOINT BERKAS_S3_BUCKET BERKAS_S3_REGION BERKAS_S3_ACCESS_KEY_ID BERKAS_S3_SECRET_ACCESS_KEY
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  # Run, not sourced: start, then print the variables for eval (the servers keep running;
  # stop them by sourcing this file with BERKAS_SWIFT_DIR set and calling berkas_object_store_stop).
  berkas_object_store_start || exit 1
  printf 'export BERKAS_S3_ENDPOINT=%q BERKAS_S3_BUCKET=%q BERKAS_S3_REGION=%q BERKAS_S3_ACCESS_KEY_ID=%q BERKAS_S3_SECRET_ACCESS_KEY=%q BERKAS_SWIFT_DIR=%q\n' \
    "$BERKAS_S3_ENDPOINT" "$BERKAS_S3_BUCKET" "$BERKAS_S3_REGION" "$BERKAS_S3_ACCESS_KEY_ID" "$BERKAS_S3_SECRET_ACCESS_KEY" "$BERKAS_SWIFT_DIR"
else
  berkas_object_store_start
fi
