package io.callpulse.jobs.analytics;

/** The number of users present from {@code ts} until the next step (rule 8). */
public record ConcurrencyStep(long ts, int users, int hosts, int audiences) {}
