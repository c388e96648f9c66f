package io.callpulse.simulator.oracle;

/**
 * One epoch's expected figures. Epochs are matched to the pipeline's by {@code createTs}: epoch ids
 * are the pipeline's own choice.
 *
 * @param peakAt the first second the peak was reached
 */
public record EpochExpectation(
    long createTs, long destroyTs, ChannelFigures figures, long peakAt, int sessions) {}
