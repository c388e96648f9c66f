/*
 * chdb-server: runs the ClickHouse engine shipped in libchdb.so as a real server.
 *
 * Why this exists: Debian's clickhouse-server is from 2018 and no Docker engine runs here, but the
 * npm package @chdb/lib-linux-x64-gnu ships a current ClickHouse as a shared library. Its
 * clickhouse-local entry point starts the HTTP and native listeners when the query says
 * "SYSTEM START LISTEN QUERIES ALL" and then keeps serving while a long query runs.
 *
 * Usage: chdb-server <libchdb.so> [--watch-stdin] -- <clickhouse-local argv...>
 *   --watch-stdin  exit when standard input closes, so a killed parent (a JVM running tests, a shell
 *                  script) takes the server with it instead of leaving an orphan.
 * The process exits 0 when the keep-alive query is killed (KILL QUERY), non-zero on a start error,
 * which it prints to stderr.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct chdb_result;
typedef struct chdb_result *(*query_cmdline_fn)(int, char **);
typedef const char *(*result_error_fn)(struct chdb_result *);
typedef void (*destroy_result_fn)(struct chdb_result *);

static void *watch_stdin(void *unused) {
  (void)unused;
  char buf[256];
  /* read() returns 0 at end of file: the parent is gone or closed our stdin on purpose. */
  while (read(STDIN_FILENO, buf, sizeof buf) > 0) {
  }
  fprintf(stderr, "chdb-server: stdin closed, exiting\n");
  _exit(0);
  return NULL;
}

static void *must_resolve(void *lib, const char *name) {
  void *sym = dlsym(lib, name);
  if (sym == NULL) {
    fprintf(stderr, "chdb-server: symbol %s missing in libchdb.so: %s\n", name, dlerror());
    exit(3);
  }
  return sym;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s <libchdb.so> [--watch-stdin] -- <clickhouse-local args...>\n", argv[0]);
    return 2;
  }
  const char *lib_path = argv[1];
  int watch = 0;
  int i = 2;
  for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
    if (strcmp(argv[i], "--watch-stdin") == 0) {
      watch = 1;
    } else {
      fprintf(stderr, "chdb-server: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  if (i >= argc) {
    fprintf(stderr, "chdb-server: missing -- before the clickhouse arguments\n");
    return 2;
  }
  i++;

  void *lib = dlopen(lib_path, RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL) {
    fprintf(stderr, "chdb-server: cannot load %s: %s\n", lib_path, dlerror());
    return 3;
  }
  query_cmdline_fn query = (query_cmdline_fn)must_resolve(lib, "chdb_query_cmdline");
  result_error_fn error_of = (result_error_fn)must_resolve(lib, "chdb_result_error");
  destroy_result_fn destroy = (destroy_result_fn)must_resolve(lib, "chdb_destroy_query_result");

  if (watch) {
    pthread_t watcher;
    pthread_create(&watcher, NULL, watch_stdin, NULL);
    pthread_detach(watcher);
  }

  int ch_argc = argc - i + 1;
  char **ch_argv = calloc((size_t)ch_argc + 1, sizeof(char *));
  ch_argv[0] = "clickhouse";
  for (int k = 1; k < ch_argc; k++) {
    ch_argv[k] = argv[i + k - 1];
  }

  /* Blocks for the server's whole life: the keep-alive query sleeps until it is killed. */
  struct chdb_result *result = query(ch_argc, ch_argv);
  const char *error = result ? error_of(result) : "no result";
  int killed = error != NULL && strstr(error, "QUERY_WAS_CANCELLED") != NULL;
  if (error != NULL && *error != '\0' && !killed) {
    fprintf(stderr, "chdb-server: %s\n", error);
    if (result) destroy(result);
    fflush(stderr);
    _exit(1);
  }
  fprintf(stderr, "chdb-server: stopped\n");
  fflush(stderr);
  /* _exit: the engine's static destructors race its own background threads at exit. */
  _exit(0);
}
