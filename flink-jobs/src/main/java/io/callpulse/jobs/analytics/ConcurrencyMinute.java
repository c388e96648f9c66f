package io.callpulse.jobs.analytics;

/** Maxima of the concurrency step function within one minute (minute = Unix seconds / 60). */
public record ConcurrencyMinute(long minute, int maxUsers, int maxHosts, int maxAudiences) {}
