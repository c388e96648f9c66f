package io.callpulse.jobs.records;

import io.callpulse.model.NcsEvent;

/** A validated event with its raw body, which only the raw_events row needs. */
public record IngestedEvent(NcsEvent event, String body) {}
