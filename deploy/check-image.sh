#!/usr/bin/env bash
# Builds Carrel's image (deploy/Dockerfile) and checks that it runs the way deploy/compose.yaml
# runs it: as its own user, with a read-only root file system and a tmpfs for /tmp, answering
# /healthz and /readyz, and stopping with exit code 0 on `docker stop`. Needs a container runtime
# (`docker info` must succeed); .ci/run calls it only then.
set -euo pipefail
cd "$(dirname "$0")/.."

tag="carrel:check-$$"
name="carrel-check-$$"
volume="carrel-check-data-$$"
cleanup() {
  docker rm -f "$name" >/dev/null 2>&1 || true
  docker volume rm -f "$volume" >/dev/null 2>&1 || true
  docker image rm -f "$tag" >/dev/null 2>&1 || true
}
trap cleanup EXIT

docker build --quiet -f deploy/Dockerfile -t "$tag" . >/dev/null
echo "built $tag"

[ "$(docker image inspect -f '{{.Config.User}}' "$tag")" = carrel ] || {
  echo 'the image does not run as the user carrel' >&2
  exit 1
}

docker volume create "$volume" >/dev/null
docker run -d --name "$name" --read-only --tmpfs /tmp --cap-drop ALL \
  --security-opt no-new-privileges:true \
  -v "$volume:/var/lib/carrel" \
  -e CARREL_MASTER_KEY="$(head -c 32 /dev/urandom | base64)" \
  -e CARREL_SIP2_ENABLED=false \
  -p 127.0.0.1::3000 "$tag" >/dev/null
port="$(docker port "$name" 3000/tcp | head -n 1 | sed 's/.*://')"

for path in /healthz /readyz; do
  ok=''
  for _ in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:$port$path" >/dev/null 2>&1; then
      ok=yes
      break
    fi
    sleep 1
  done
  if [ -z "$ok" ]; then
    echo "the container did not answer $path" >&2
    docker logs "$name" >&2 || true
    exit 1
  fi
  echo "answered $path"
done

docker stop -t 30 "$name" >/dev/null
code="$(docker inspect -f '{{.State.ExitCode}}' "$name")"
if [ "$code" != 0 ]; then
  echo "carrel serve exited with $code on docker stop" >&2
  docker logs "$name" >&2 || true
  exit 1
fi
echo 'stopped cleanly (exit code 0)'
