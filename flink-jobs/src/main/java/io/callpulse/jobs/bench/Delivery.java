package io.callpulse.jobs.bench;

/**
 * One copy of a notification reaching the gateway under {@code noticeId}: Agora sent it at {@code
 * notifyMs}, the gateway received it at {@code receivedAtMs}.
 */
record Delivery(NcsNotice notice, String noticeId, long notifyMs, long receivedAtMs) {
  byte[] body() {
    return notice.body(noticeId, notifyMs);
  }
}
