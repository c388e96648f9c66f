package io.callpulse.jobs.functions;

import java.util.Arrays;

/**
 * What the per-app daily operator knows of one epoch (channel, epochId): whether it is final and,
 * per day it has rows on that are not yet announced, how many rows.
 *
 * @param days sorted days (days since 1970-01-01)
 * @param rows the number of rows on {@code days[i]}, always > 0
 */
public record EpochDays(boolean isFinal, int[] days, int[] rows) {

  public static EpochDays empty() {
    return new EpochDays(false, new int[0], new int[0]);
  }

  public boolean touches(int day) {
    return Arrays.binarySearch(days, day) >= 0;
  }

  public boolean isEmpty() {
    return days.length == 0;
  }

  public EpochDays asFinal() {
    return new EpochDays(true, days, rows);
  }

  public EpochDays plusRow(int day) {
    int i = Arrays.binarySearch(days, day);
    if (i >= 0) {
      int[] counts = rows.clone();
      counts[i]++;
      return new EpochDays(isFinal, days, counts);
    }
    int at = -i - 1;
    int[] nextDays = new int[days.length + 1];
    int[] nextRows = new int[rows.length + 1];
    System.arraycopy(days, 0, nextDays, 0, at);
    System.arraycopy(rows, 0, nextRows, 0, at);
    nextDays[at] = day;
    nextRows[at] = 1;
    System.arraycopy(days, at, nextDays, at + 1, days.length - at);
    System.arraycopy(rows, at, nextRows, at + 1, rows.length - at);
    return new EpochDays(isFinal, nextDays, nextRows);
  }

  /** One row fewer on {@code day}; the day goes when its last row does. */
  public EpochDays minusRow(int day) {
    int i = Arrays.binarySearch(days, day);
    if (i < 0) {
      return this;
    }
    if (rows[i] > 1) {
      int[] counts = rows.clone();
      counts[i]--;
      return new EpochDays(isFinal, days, counts);
    }
    return withoutDay(day);
  }

  public EpochDays withoutDay(int day) {
    int i = Arrays.binarySearch(days, day);
    if (i < 0) {
      return this;
    }
    int[] nextDays = new int[days.length - 1];
    int[] nextRows = new int[rows.length - 1];
    System.arraycopy(days, 0, nextDays, 0, i);
    System.arraycopy(rows, 0, nextRows, 0, i);
    System.arraycopy(days, i + 1, nextDays, i, days.length - i - 1);
    System.arraycopy(rows, i + 1, nextRows, i, rows.length - i - 1);
    return new EpochDays(isFinal, nextDays, nextRows);
  }
}
