#!/usr/bin/env bash
# The organisations flow of docs/admin.md and docs/organisations.md, run
# with the real binaries as people would: the administrators of the three
# example programmes set them up with kollega-admin and the relay hosts
# their keys; a helper enrols by request file; a seeker joins, reads the
# safety numbers, picks the helper and talks; the helper sees the case near
# and reach its limit, refers on, and the seeker closes the case.
# Usage: organisations_flow.sh RELAY KOLLEGA KOLLEGA_ADMIN EXAMPLES_DIR
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail
relay_bin=$1 cli=$2 admin=$3 examples=$4
work=$(mktemp -d)
relay_pid=
cleanup() {
  [[ -n $relay_pid ]] && kill "$relay_pid" 2>/dev/null && wait "$relay_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"
export KOLLEGA_ADMIN_PASSPHRASE=admin-secret KOLLEGA_PASSPHRASE=user-secret
export KOLLEGA_TEST_SCRYPT_LOG2N=10  # quick key boxes; the tools say so on stderr

fail() { echo "FAIL: $*" >&2; exit 1; }
expect() {  # expect "what" "needle" "haystack"
  grep -qF -- "$2" <<<"$3" || fail "$1: no '$2' in: $3"
}

# The relay, on a free port, hosting the keys listed in a file the
# operator fills once the administrators have made them.
: >org-keys
"$relay_bin" --port 0 --port-file port --data-dir relay-data --organisation-keys org-keys \
  --pow-bits 10 --metrics-port 0 >relay.log 2>&1 &
relay_pid=$!
for _ in $(seq 100); do [[ -s port ]] && break; sleep 0.1; done
[[ -s port ]] || fail "the relay did not start: $(cat relay.log)"
url="ws://127.0.0.1:$(cat port)"

# Three programmes: keys, cards, signed policies.
declare -A card
for org in dk-doctors no-dentists nl-gps-midwives; do
  "$admin" init --dir "$org" --relay "$url" 2>/dev/null >/dev/null
  card[$org]=$("$admin" card --dir "$org" | grep -o 'kollega://[^ ]*' | head -1)
  sed 's/.*key=//' <<<"${card[$org]}" >>org-keys
  "$admin" sign-policy --dir "$org" "$examples/$org.json" 2>/dev/null >/dev/null
done
# The relay reads its hosted keys when it starts.
kill "$relay_pid" && wait "$relay_pid" || true
"$relay_bin" --port "$(cat port)" --data-dir relay-data --organisation-keys org-keys \
  --pow-bits 10 --metrics-port 0 >>relay.log 2>&1 &
relay_pid=$!
sleep 0.5
for org in dk-doctors no-dentists nl-gps-midwives; do
  out=$("$admin" publish --dir "$org" "$org/policy-1.signed" 2>/dev/null)
  expect "publish $org" "published" "$out"
done

# A helper of the Dutch programme enrols without the admin's machine online.
"$cli" --data-dir helper init "$url" >/dev/null 2>&1
"$cli" --data-dir helper enrol-request --name "Anne" --profession gp --region Utrecht \
  --gender female --sector private --languages nl,en --out request.json >/dev/null
"$admin" enrol --dir nl-gps-midwives request.json --expires 2030-01-01 --yes >/dev/null 2>&1
out=$("$admin" publish --dir nl-gps-midwives nl-gps-midwives/certificate-1.signed 2>/dev/null)
expect "publish certificate" "published" "$out"
"$cli" --data-dir helper join-org "${card[nl-gps-midwives]}" >/dev/null
"$cli" --data-dir helper availability available >/dev/null
helper=$("$cli" --data-dir helper whoami | grep -o '[0-9a-f]\{32\}' | head -1)

# A seeker joins, sees the directory and the safety numbers, picks Anne.
"$cli" --data-dir seeker init "$url" >/dev/null 2>&1
out=$("$cli" --data-dir seeker join-org "${card[nl-gps-midwives]}")
org=$(grep -o 'id [0-9a-f]\{64\}' <<<"$out" | cut -c4-)
[[ -n $org ]] || fail "join-org printed no id: $out"
out=$("$cli" --data-dir seeker helpers --language nl --available)
expect "helpers" "Anne" "$out"
out=$("$cli" --data-dir seeker safety --country NL)
expect "safety" "112" "$out"
out=$("$cli" --data-dir seeker open-case "$org" "$helper" --category burnout "Ik slaap slecht")
case_id=$(grep -o '[0-9a-f]\{32\}' <<<"$out" | head -1)
[[ -n $case_id ]] || fail "open-case: $out"

# The helper answers; the seeker reads it.
out=$("$cli" --data-dir helper cases)
expect "helper's cases" "$case_id" "$out"
"$cli" --data-dir helper case-send "$case_id" "Dank voor je bericht. Vertel eens?" >/dev/null
out=$("$cli" --data-dir seeker case "$case_id")
expect "seeker reads" "Vertel eens?" "$out"

# Four hours over several weeks: the helper's own count of a phone call
# brings the case near its limit, then to it; then a referral.
"$cli" --data-dir helper case-time "$case_id" 200 >/dev/null
out=$("$cli" --data-dir helper cases)
expect "nearing" "nearing the limit" "$out"
"$cli" --data-dir helper case-time "$case_id" 240 >/dev/null
out=$("$cli" --data-dir helper cases)
expect "reached" "limit reached: refer on" "$out"
resource=psychologist
"$cli" --data-dir helper refer "$case_id" "$resource" >/dev/null
out=$("$cli" --data-dir seeker case "$case_id")
expect "referral" "referred to: $resource" "$out"
# The helper's count of the call reached the seeker's client too.
out=$("$cli" --data-dir seeker cases)
expect "the seeker sees the limit" "limit reached" "$out"

# The seeker closes; the helper's device keeps no history.
"$cli" --data-dir seeker close-case "$case_id" >/dev/null
out=$("$cli" --data-dir helper cases)
expect "closed" "closed by the other side" "$out"
out=$("$cli" --data-dir helper case "$case_id")
[[ -z $out ]] || fail "the helper still has the case's messages: $out"
echo "organisations flow: ok"
