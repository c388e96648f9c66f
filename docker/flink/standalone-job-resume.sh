#!/usr/bin/env bash
# Entry point of the docker-compose JobManager: runs the CallPulse job in application mode and, when
# the job ran before, resumes it from its newest complete retained checkpoint, so a restarted
# container keeps the job's state (Kubernetes does this with the operator and HA instead).
#   CALLPULSE_FLINK_RESTORE_PATH  restore from this savepoint/checkpoint instead (upgrades)
#   CALLPULSE_FLINK_JOB_ID        fixed job id (32 hex digits): the checkpoint folder's name
# Arguments are the job's own (--bootstrap-servers ...).
set -euo pipefail

job_id="${CALLPULSE_FLINK_JOB_ID:-ca11000000000000000000000000ca11}"
checkpoints="${CALLPULSE_FLINK_CHECKPOINTS:-/flink-data/checkpoints}/$job_id"
entrypoint="${CALLPULSE_FLINK_ENTRYPOINT:-/docker-entrypoint.sh}" # overridden by deploy-tests only

latest_checkpoint() {
  # a checkpoint is complete once its _metadata file exists; the newest has the highest number
  local dir n newest=-1
  for dir in "$checkpoints"/chk-*; do
    n="${dir##*/chk-}"
    if [[ "$n" =~ ^[0-9]+$ && -f "$dir/_metadata" ]] && ((n > newest)); then
      newest=$n
    fi
  done
  ((newest >= 0)) && echo "$checkpoints/chk-$newest"
}

restore=()
if [[ -n "${CALLPULSE_FLINK_RESTORE_PATH:-}" ]]; then
  restore=(--fromSavepoint "$CALLPULSE_FLINK_RESTORE_PATH")
elif checkpoint="$(latest_checkpoint)" && [[ -n "$checkpoint" ]]; then
  restore=(--fromSavepoint "$checkpoint")
fi
echo "callpulse: job $job_id, restore from: ${restore[1]:-nothing (first start)}" >&2

# Flink's options must precede the job's arguments.
exec "$entrypoint" standalone-job \
  --job-classname io.callpulse.jobs.ChannelAnalyticsJob \
  --job-id "$job_id" \
  "${restore[@]}" \
  "$@"
