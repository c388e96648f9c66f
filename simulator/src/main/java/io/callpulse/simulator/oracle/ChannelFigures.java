package io.callpulse.simulator.oracle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of agora-ncs.md §4.9 for one epoch or one channel (all its epochs). Names are the
 * column names of the {@code channel_epochs} table.
 */
public record ChannelFigures(
    long totalSeconds,
    long hostSeconds,
    long audienceSeconds,
    long uniqueUsers,
    long uniqueHosts,
    long uniqueAudiences,
    long roleSwitches,
    long peakConcurrentUsers) {

  public static final String TOTAL_SECONDS = "total_seconds";
  public static final String HOST_SECONDS = "host_seconds";
  public static final String AUDIENCE_SECONDS = "audience_seconds";
  public static final String UNIQUE_USERS = "unique_users";
  public static final String UNIQUE_HOSTS = "unique_hosts";
  public static final String UNIQUE_AUDIENCES = "unique_audiences";
  public static final String ROLE_SWITCHES = "role_switches";
  public static final String PEAK_CONCURRENT_USERS = "peak_concurrent_users";

  public static final List<String> NAMES =
      List.of(
          TOTAL_SECONDS,
          HOST_SECONDS,
          AUDIENCE_SECONDS,
          UNIQUE_USERS,
          UNIQUE_HOSTS,
          UNIQUE_AUDIENCES,
          ROLE_SWITCHES,
          PEAK_CONCURRENT_USERS);

  /** The figures that depend on which role a user held; a lost event can make them ambiguous. */
  public static final List<String> ROLE_DEPENDENT =
      List.of(HOST_SECONDS, AUDIENCE_SECONDS, UNIQUE_HOSTS, UNIQUE_AUDIENCES, ROLE_SWITCHES);

  public Map<String, Long> asMap() {
    Map<String, Long> map = new LinkedHashMap<>();
    map.put(TOTAL_SECONDS, totalSeconds);
    map.put(HOST_SECONDS, hostSeconds);
    map.put(AUDIENCE_SECONDS, audienceSeconds);
    map.put(UNIQUE_USERS, uniqueUsers);
    map.put(UNIQUE_HOSTS, uniqueHosts);
    map.put(UNIQUE_AUDIENCES, uniqueAudiences);
    map.put(ROLE_SWITCHES, roleSwitches);
    map.put(PEAK_CONCURRENT_USERS, peakConcurrentUsers);
    return map;
  }

  public static ChannelFigures fromMap(Map<String, ? extends Number> map) {
    return new ChannelFigures(
        get(map, TOTAL_SECONDS),
        get(map, HOST_SECONDS),
        get(map, AUDIENCE_SECONDS),
        get(map, UNIQUE_USERS),
        get(map, UNIQUE_HOSTS),
        get(map, UNIQUE_AUDIENCES),
        get(map, ROLE_SWITCHES),
        get(map, PEAK_CONCURRENT_USERS));
  }

  private static long get(Map<String, ? extends Number> map, String name) {
    Number value = map.get(name);
    if (value == null) {
      throw new IllegalArgumentException("figure " + name + " is missing");
    }
    return value.longValue();
  }
}
