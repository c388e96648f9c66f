package io.callpulse.sinks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Finds the migration files on the class path, in a directory or inside a (shaded) jar. */
public final class MigrationFolder {

  /** The one folder of versioned DDL files. */
  public static final String LOCATION = "db/migration";

  private MigrationFolder() {}

  /** Every migration under {@link #LOCATION}, ordered by version. */
  public static List<Migration> fromClasspath() {
    return fromClasspath(MigrationFolder.class.getClassLoader(), LOCATION);
  }

  static List<Migration> fromClasspath(ClassLoader loader, String location) {
    Map<Integer, Migration> byVersion = new TreeMap<>();
    try {
      Enumeration<URL> folders = loader.getResources(location);
      while (folders.hasMoreElements()) {
        for (Migration migration : read(folders.nextElement(), location)) {
          Migration other = byVersion.putIfAbsent(migration.version(), migration);
          if (other != null && !other.checksum().equals(migration.checksum())) {
            throw new MigrationException(
                "two different migration files have version "
                    + migration.version()
                    + ": "
                    + other.fileName()
                    + " and "
                    + migration.fileName());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + location + " on the class path", e);
    }
    if (byVersion.isEmpty()) {
      throw new MigrationException(
          "no migration files found in " + location + " on the class path");
    }
    return List.copyOf(byVersion.values());
  }

  private static List<Migration> read(URL folder, String location) throws IOException {
    List<Migration> migrations = new ArrayList<>();
    if ("file".equals(folder.getProtocol())) {
      try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
        for (Path file : files.sorted().toList()) {
          String fileName = file.getFileName().toString();
          if (Migration.isMigrationFile(fileName)) {
            migrations.add(Migration.of(fileName, Files.readString(file, StandardCharsets.UTF_8)));
          }
        }
      } catch (URISyntaxException e) {
        throw new IOException("bad class path URL " + folder, e);
      }
    } else if ("jar".equals(folder.getProtocol())) {
      JarURLConnection connection = (JarURLConnection) folder.openConnection();
      connection.setUseCaches(false);
      try (JarFile jar = connection.getJarFile()) {
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
          JarEntry entry = entries.nextElement();
          String path = entry.getName();
          String fileName = path.substring(path.lastIndexOf('/') + 1);
          if (!entry.isDirectory()
              && path.equals(location + "/" + fileName)
              && Migration.isMigrationFile(fileName)) {
            try (InputStream in = jar.getInputStream(entry)) {
              migrations.add(
                  Migration.of(fileName, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
          }
        }
      }
    } else {
      throw new MigrationException("cannot list migrations from " + folder);
    }
    return migrations;
  }
}
