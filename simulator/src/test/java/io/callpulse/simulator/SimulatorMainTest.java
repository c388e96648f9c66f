package io.callpulse.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callpulse.simulator.oracle.ExpectedJson;
import io.callpulse.simulator.oracle.ExpectedReport;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulatorMainTest {
  private static final String[] SCENARIO = {
    "--seed",
    "9",
    "--apps",
    "1",
    "--channels",
    "3",
    "--duration",
    "1h",
    "--start",
    "2024-05-01T23:30:00Z"
  };

  private static int run(String... args) {
    CommandLine commandLine = SimulatorMain.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter()));
    commandLine.setErr(new PrintWriter(new StringWriter()));
    return commandLine.execute(args);
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = new String[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  @Test
  void eventsAreByteIdenticalForTheSameSeed(@TempDir Path dir) throws Exception {
    Path first = dir.resolve("a.jsonl");
    Path second = dir.resolve("b.jsonl");
    assertEquals(0, run(concat(new String[] {"events", "-o", first.toString()}, SCENARIO)));
    assertEquals(0, run(concat(new String[] {"events", "-o", second.toString()}, SCENARIO)));

    assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    List<String> lines = Files.readAllLines(first);
    assertTrue(lines.size() > 20);
    JsonObject line = new JsonObject(lines.get(0));
    assertTrue(line.containsKey("app_id") && line.containsKey("notice_id"));
    new JsonObject(line.getString("body")); // the exact body is itself JSON
  }

  @Test
  void expectedFileRoundTripsAndCoversTheDayBoundary(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("expected.json");
    assertEquals(0, run(concat(new String[] {"expected", "-o", out.toString()}, SCENARIO)));

    JsonObject json = new JsonObject(Files.readString(out));
    ExpectedReport report = ExpectedJson.fromJson(json);
    assertEquals(json, ExpectedJson.toJson(report));
    assertEquals(9, report.scenario().getLong("seed"));
    assertTrue(report.apps().get(0).dailySeconds().size() >= 2, "the run crosses UTC midnight");
  }

  @Test
  void badOptionsExitWithTheUsageCode() {
    assertEquals(ExitCodes.USAGE, run("events", "--duration", "forever"));
    assertEquals(ExitCodes.USAGE, run("run", "--no-such-option"));
  }

  @Test
  void compareThroughTheApiNeedsAKeyForEveryApp(@TempDir Path dir) {
    Path expected = dir.resolve("expected.json");
    assertEquals(
        ExitCodes.OK,
        run(concat(new String[] {"expected", "-o", expected.toString()}, SCENARIO)),
        "expected file");
    assertEquals(
        ExitCodes.USAGE,
        run(
            "compare",
            "--expected",
            expected.toString(),
            "--api-url",
            "http://127.0.0.1:9",
            "--api-key-env",
            "CALLPULSE_SIMULATOR_TEST_UNSET_VARIABLE"));
  }

  @Test
  void durationsAcceptShortAndIsoForms() {
    DurationConverter converter = new DurationConverter();
    assertEquals(90, converter.convert("90s").toSeconds());
    assertEquals(7200, converter.convert("2h").toSeconds());
    assertEquals(7200, converter.convert("PT2H").toSeconds());
    assertEquals(86_400, converter.convert("1d").toSeconds());
  }
}
