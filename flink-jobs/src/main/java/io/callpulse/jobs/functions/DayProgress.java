package io.callpulse.jobs.functions;

/**
 * A day of an app that is not announced yet.
 *
 * @param rows daily row keys (channel and user) of the day's epochs, as they appeared and vanished
 * @param openEpochs epochs with rows on the day that are not final yet
 */
public record DayProgress(int rows, int openEpochs) {
  public DayProgress plus(int moreRows, int moreOpenEpochs) {
    return new DayProgress(rows + moreRows, openEpochs + moreOpenEpochs);
  }
}
