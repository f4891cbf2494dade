#define _POSIX_C_SOURCE 200809L  /* st_mtim */
/*
 * test_batch.c: `agendapack batch` over a folder of good and bad files:
 * every good file converted and every bad one failed with its reason,
 * folders recursed, a rerun that redoes nothing (a renamed copy included),
 * --force, and a worker that crashes mid-file failing that file only.
 */
#include <criterion/criterion.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include "tests/helpers.h"

static char *dir;
static void setup(void) { dir = scratch_dir(); }
static void teardown(void) { scratch_remove(dir); }
TestSuite(batch, .init = setup, .fini = teardown);

/* An archive: three good packs (one in a subfolder) and three bad files. */
static char *make_archive(void)
{
    char *archive = g_build_filename(dir, "archive", NULL);
    char *sub = g_build_filename(archive, "2026", NULL);
    cr_assert_eq(g_mkdir_with_parents(sub, 0755), 0);
    g_free(render_fixture(archive, "sample-pack", NULL));
    g_free(render_fixture(archive, "minutes-printed", NULL));
    g_free(render_fixture(sub, "scorecard-pack", NULL));
    char *pack = g_build_filename(archive, "sample-pack.pdf", NULL);
    gchar *data;
    gsize len;
    cr_assert(g_file_get_contents(pack, &data, &len, NULL));
    g_free(write_file(sub, "cut.pdf", data, len / 2));
    g_free(write_file(archive, "empty.pdf", "", 0));
    g_free(write_file(archive, "notes.pdf", "minutes to follow\n", 18));
    g_free(write_file(archive, "readme.txt", "not a pdf, not named: left out\n", 31));
    g_free(data);
    g_free(pack);
    g_free(sub);
    return archive;
}

static size_t count_records(const char *out)
{
    char *records = g_build_filename(out, "records", NULL);
    GPtrArray *shas = list_dir(records);
    size_t n = 0;
    for (guint i = 0; i < shas->len; i++) {
        char *one = g_build_filename(records, shas->pdata[i], NULL);
        GPtrArray *files = list_dir(one);
        n += files->len;
        g_ptr_array_free(files, TRUE);
        g_free(one);
    }
    g_ptr_array_free(shas, TRUE);
    g_free(records);
    return n;
}

Test(batch, good_files_convert_and_bad_ones_fail_with_their_reason)
{
    char *archive = make_archive();
    char *out = g_build_filename(dir, "out", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, "-j", "2", NULL});
    cr_expect_eq(r.status, 1, "exit %d", r.status);
    /* one line per bad file, naming it and the reason */
    cr_expect_eq(count_lines(r.err), 3, "stderr: %s", r.err);
    cr_expect(strstr(r.err, "cut.pdf: damaged PDF") != NULL, "%s", r.err);
    cr_expect(strstr(r.err, "empty.pdf: not a PDF") != NULL, "%s", r.err);
    cr_expect(strstr(r.err, "notes.pdf: not a PDF") != NULL, "%s", r.err);
    cr_expect(strstr(r.out,
              "batch: 6 files: 3 converted (0 gave no data), 0 skipped, 3 failed") != NULL,
              "%s", r.out);
    /* the three packs' records: two meetings from the sample pack (its own
     * and the one its minutes record), one each from the others */
    cr_expect_eq(count_records(out), 4, "%zu records", count_records(out));
    char *files = g_build_filename(out, "files", NULL);
    GPtrArray *log = list_dir(files);
    cr_expect_eq(log->len, 6, "%u log entries", log->len);
    for (guint i = 0; i < log->len; i++)
        cr_expect(g_str_has_suffix(log->pdata[i], ".json"), "left behind: %s",
                  (char *)log->pdata[i]);
    g_ptr_array_free(log, TRUE);
    g_free(files);
    cli_result_free(&r);
    g_free(out);
    g_free(archive);
}

static gint64 mtime(const char *path)
{
    GStatBuf st;
    cr_assert_eq(g_stat(path, &st), 0, "%s", path);
    return (gint64)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
}

Test(batch, a_rerun_redoes_nothing_and_force_redoes_all)
{
    char *archive = make_archive();
    char *out = g_build_filename(dir, "out", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, "-q", NULL});
    cli_result_free(&r);
    char *sha_dir = g_build_filename(out, "files", NULL);
    GPtrArray *log = list_dir(sha_dir);
    char *entry = g_build_filename(sha_dir, log->pdata[0], NULL);
    gint64 before = mtime(entry);
    /* a renamed copy of a converted pack is the same content */
    char *pack = g_build_filename(archive, "sample-pack.pdf", NULL);
    char *copy = g_build_filename(archive, "renamed.pdf", NULL);
    cr_assert_eq(g_rename(pack, copy), 0);

    /* the three failed files are tried again, and fail again: their entries,
     * saying what they said, are not written again */
    r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, NULL});
    cr_expect_eq(r.status, 1, "the failures stand");
    cr_expect(strstr(r.out,
              "batch: 6 files: 0 converted (0 gave no data), 3 skipped, 3 failed") != NULL,
              "%s", r.out);
    cr_expect(strstr(r.out, "skipped") && strstr(r.out, "renamed.pdf"), "%s", r.out);
    cr_expect_eq(count_lines(r.err), 3, "%s", r.err);
    cr_expect_eq(mtime(entry), before, "a log entry was written again");
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, "--no-retry-failed", NULL});
    cr_expect(strstr(r.out,
              "batch: 6 files: 0 converted (0 gave no data), 6 skipped, 3 failed") != NULL,
              "%s", r.out);
    cli_result_free(&r);

    r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, "--force", NULL});
    cr_expect(strstr(r.out,
              "batch: 6 files: 3 converted (0 gave no data), 0 skipped, 3 failed") != NULL,
              "%s", r.out);
    cr_expect_neq(mtime(entry), before);
    cli_result_free(&r);
    g_ptr_array_free(log, TRUE);
    g_free(entry);
    g_free(sha_dir);
    g_free(pack);
    g_free(copy);
    g_free(out);
    g_free(archive);
}

/* A run is synced to disk once, at its end: a power cut before then can
 * leave a log entry whose record never reached the disk (an empty file
 * after the reboot). The rerun converts that file again. */
Test(batch, an_entry_whose_record_was_lost_is_converted_again)
{
    char *archive = g_build_filename(dir, "archive", NULL);
    cr_assert_eq(g_mkdir_with_parents(archive, 0755), 0);
    g_free(render_fixture(archive, "minutes-printed", NULL));
    char *out = g_build_filename(dir, "out", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, "-q", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    char *records = g_build_filename(out, "records", NULL);
    GPtrArray *shas = list_dir(records);
    cr_assert_eq(shas->len, 1);
    char *one = g_build_filename(records, shas->pdata[0], NULL);
    GPtrArray *names = list_dir(one);
    cr_assert_eq(names->len, 1);
    char *record = g_build_filename(one, names->pdata[0], NULL);
    gchar *whole;
    gsize len;
    cr_assert(g_file_get_contents(record, &whole, &len, NULL));
    cr_assert(g_file_set_contents(record, "", 0, NULL));

    r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out,
              "batch: 1 files: 1 converted (0 gave no data), 0 skipped, 0 failed") != NULL,
              "%s", r.out);
    gchar *again;
    cr_assert(g_file_get_contents(record, &again, NULL, NULL));
    cr_expect_str_eq(again, whole);
    cli_result_free(&r);
    g_free(again);
    g_free(whole);
    g_free(record);
    g_ptr_array_free(names, TRUE);
    g_free(one);
    g_ptr_array_free(shas, TRUE);
    g_free(records);
    g_free(out);
    g_free(archive);
}

/* A batch over the test archive into out whose worker crashes on
 * minutes-printed.pdf. */
static cli_result batch_with_a_crash(const char *out, const char *jobs)
{
    char *archive = make_archive();
    char **env = g_environ_setenv(g_get_environ(), "AGENDAPACK_TEST_CRASH", "minutes-printed.pdf",
                                  TRUE);
    cli_result r = cli_run(env, (const char *[]){"batch", archive, "-o", out, "-j", jobs, NULL});
    g_strfreev(env);
    g_free(archive);
    return r;
}

Test(batch, a_worker_that_crashes_fails_its_file_only)
{
    char *out = g_build_filename(dir, "out", NULL);
    cli_result r = batch_with_a_crash(out, "2");
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "minutes-printed.pdf: worker crashed (Aborted)") != NULL,
              "%s", r.err);
    cr_expect(strstr(r.out,
              "batch: 6 files: 2 converted (0 gave no data), 0 skipped, 4 failed") != NULL,
              "%s", r.out);
    cr_expect_eq(count_records(out), 3, "%zu records", count_records(out));
    cli_result_free(&r);
    g_free(out);
}

/* The log entries of a batch OUTDIR, by the base name of their file. */
static GHashTable *log_by_name(const char *out)
{
    GHashTable *logs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify)cJSON_Delete);
    char *files = g_build_filename(out, "files", NULL);
    GPtrArray *names = list_dir(files);
    for (guint i = 0; i < names->len; i++) {
        char *path = g_build_filename(files, names->pdata[i], NULL), *text;
        cr_assert(g_file_get_contents(path, &text, NULL, NULL));
        cJSON *entry = cJSON_Parse(text);
        cr_assert_not_null(entry);
        const char *file = cJSON_GetObjectItem(entry, "path")->valuestring;
        g_hash_table_insert(logs, g_path_get_basename(file), entry);
        g_free(text);
        g_free(path);
    }
    g_ptr_array_free(names, TRUE);
    g_free(files);
    return logs;
}

static double worker_of(GHashTable *logs, const char *name)
{
    const cJSON *entry = g_hash_table_lookup(logs, name);
    cr_assert_not_null(entry, "no log entry for %s", name);
    return cJSON_GetObjectItem(entry, "worker")->valuedouble;
}

struct sized_file {
    char *path;
    goffset size;
};

static void add_sized(const char *path, GArray *sized)
{
    GDir *d = g_dir_open(path, 0, NULL);
    if (!d) {
        GStatBuf st;
        cr_assert_eq(g_stat(path, &st), 0);
        struct sized_file f = {g_strdup(path), (goffset)st.st_size};
        g_array_append_val(sized, f);
        return;
    }
    const char *name;
    while ((name = g_dir_read_name(d))) {
        char *child = g_build_filename(path, name, NULL);
        if (g_file_test(child, G_FILE_TEST_IS_DIR) || g_str_has_suffix(name, ".pdf"))
            add_sized(child, sized);
        g_free(child);
    }
    g_dir_close(d);
}

static gint by_size_then_path(gconstpointer a, gconstpointer b)
{
    const struct sized_file *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return strcmp(x->path, y->path);
}

/* The base names of the PDFs under archive in the order a batch hands
 * them out: largest first, then by path. */
static GPtrArray *dispatch_order(const char *archive)
{
    GArray *sized = g_array_new(FALSE, FALSE, sizeof(struct sized_file));
    add_sized(archive, sized);
    g_array_sort(sized, by_size_then_path);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < sized->len; i++) {
        struct sized_file *f = &g_array_index(sized, struct sized_file, i);
        g_ptr_array_add(names, g_path_get_basename(f->path));
        g_free(f->path);
    }
    g_array_free(sized, TRUE);
    return names;
}

/* One worker converts file after file (it pays once for what a process
 * warms up); when it crashes, a new one takes the files after. */
Test(batch, one_worker_converts_many_files_and_is_replaced_when_it_dies)
{
    char *out = g_build_filename(dir, "out", NULL);
    cli_result r = batch_with_a_crash(out, "1");
    cr_expect_eq(r.status, 1);
    GHashTable *logs = log_by_name(out);
    cr_assert_eq(g_hash_table_size(logs), 6);
    char *archive = g_build_filename(dir, "archive", NULL);
    GPtrArray *order = dispatch_order(archive);
    cr_assert_eq(order->len, 6);
    guint crash = 0;
    while (crash < order->len && strcmp(order->pdata[crash], "minutes-printed.pdf"))
        crash++;
    /* files on both sides of the crash, or the test shows less */
    cr_assert(crash > 0 && crash + 1 < order->len, "crash at %u", crash);
    double before = worker_of(logs, order->pdata[0]), after = worker_of(logs, order->pdata[crash + 1]);
    cr_expect_gt(before, 0);
    cr_expect_neq(before, after);
    for (guint i = 0; i < order->len; i++)
        cr_expect_eq(worker_of(logs, order->pdata[i]), i <= crash ? before : after, "%s",
                     (char *)order->pdata[i]);
    g_ptr_array_free(order, TRUE);
    g_free(archive);
    cr_expect(strstr(r.err, "minutes-printed.pdf: worker crashed (Aborted)") != NULL, "%s", r.err);
    g_hash_table_destroy(logs);
    cli_result_free(&r);
    g_free(out);
}

/* The text of every file in a folder, by name. */
static GHashTable *folder_texts(const char *path)
{
    GHashTable *texts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    GPtrArray *names = list_dir(path);
    for (guint i = 0; i < names->len; i++) {
        char *file = g_build_filename(path, names->pdata[i], NULL), *text;
        cr_assert(g_file_get_contents(file, &text, NULL, NULL));
        g_hash_table_insert(texts, g_strdup(names->pdata[i]), text);
        g_free(file);
    }
    g_ptr_array_free(names, TRUE);
    return texts;
}

/* Expects folder of two batch OUTDIRs to hold the same files, name for
 * name and byte for byte (what: which runs, for the messages); returns how
 * many the first has. */
static guint expect_same_folder(const char *out_a, const char *out_b, const char *folder,
                                const char *what)
{
    char *a = g_build_filename(out_a, folder, NULL), *b = g_build_filename(out_b, folder, NULL);
    GHashTable *x = folder_texts(a), *y = folder_texts(b);
    cr_expect_eq(g_hash_table_size(x), g_hash_table_size(y), "%s: %s", what, folder);
    GHashTableIter it;
    gpointer name, text;
    g_hash_table_iter_init(&it, x);
    while (g_hash_table_iter_next(&it, &name, &text)) {
        const char *other = g_hash_table_lookup(y, name);
        cr_expect(other && !strcmp(other, text), "%s: %s/%s differs", what, folder,
                  (char *)name);
    }
    guint n = g_hash_table_size(x);
    g_hash_table_destroy(x);
    g_hash_table_destroy(y);
    g_free(a);
    g_free(b);
    return n;
}

static guint expect_same_meetings(const char *out_a, const char *out_b, const char *what)
{
    return expect_same_folder(out_a, out_b, "meetings", what);
}

static char *meeting_path(const char *out, const char *date)
{
    char *name = g_strdup_printf("unknown__harbourside-environment-scrutiny-panel__%s.json", date);
    char *path = g_build_filename(out, "meetings", name, NULL);
    g_free(name);
    return path;
}

static cJSON *read_json(const char *path)
{
    char *text;
    cr_assert(g_file_get_contents(path, &text, NULL, NULL), "no %s", path);
    cJSON *o = cJSON_Parse(text);
    g_free(text);
    return o;
}

/* DIR/two: the March pack (which carries the January minutes) and the
 * January frontsheet, and fixture `more` when not NULL. */
static char *harbourside_archive(const char *more)
{
    char *archive = g_build_filename(dir, "two", NULL);
    cr_assert_eq(g_mkdir_with_parents(archive, 0755), 0);
    g_free(render_fixture(archive, "sample-pack", NULL));
    g_free(render_fixture(archive, "harbourside-january", NULL));
    if (more)
        g_free(render_fixture(archive, more, NULL));
    return archive;
}

/* The January frontsheet with its first `from` printed as `to`, rendered
 * into archive as NAME.pdf. */
static void render_january_with(const char *archive, const char *name, const char *from,
                                const char *to)
{
    char *txt = g_strdup_printf("%s.txt", name);
    char *spec_path = g_build_filename(dir, txt, NULL), *spec;
    char *orig = g_build_filename(AP_SOURCE_DIR, "fixtures", "harbourside-january.txt", NULL);
    cr_assert(g_file_get_contents(orig, &spec, NULL, NULL));
    char **parts = g_strsplit(spec, from, 2);
    char *changed = g_strjoinv(to, parts);
    cr_assert(g_file_set_contents(spec_path, changed, -1, NULL));
    g_free(render_fixture(archive, spec_path, NULL));
    g_strfreev(parts);
    g_free(changed);
    g_free(spec);
    g_free(orig);
    g_free(spec_path);
    g_free(txt);
}

/* The March pack carries the January minutes; the January frontsheet is
 * another file: one January record with both, listing both sources. */
Test(batch, a_meeting_gets_its_agenda_and_minutes_from_two_files)
{
    char *archive = harbourside_archive(NULL);
    char *out = g_build_filename(dir, "out", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, "-q", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    char *path = meeting_path(out, "2026-01-13");
    cJSON *m = read_json(path);
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(m, "status")), "agenda+minutes");
    const cJSON *sources = cJSON_GetObjectItem(m, "sources");
    cr_expect_eq(cJSON_GetArraySize(sources), 2);
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItem(m, "agenda")), 3);
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItem(m, "minutes")), 3);
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(m, "commenced")), "18:30");
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItem(m, "warnings")), 0);
    char *march = meeting_path(out, "2026-03-03");
    cJSON *n = read_json(march);
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(n, "status")), "agenda");
    cJSON_Delete(n);
    cJSON_Delete(m);
    cli_result_free(&r);
    g_free(march);
    g_free(path);
    g_free(out);
    g_free(archive);
}

/* Two workers over both files, or one file per run in the other order:
 * the same meeting files, byte for byte; and a third file that says
 * otherwise about the venue is named in a warning. */
Test(batch, the_merge_does_not_depend_on_order)
{
    char *archive = g_build_filename(dir, "two", NULL);
    cr_assert_eq(g_mkdir_with_parents(archive, 0755), 0);
    char *pack = render_fixture(archive, "sample-pack", NULL);
    char *january = render_fixture(archive, "harbourside-january", NULL);
    char *one = g_build_filename(dir, "one-run", NULL);
    char *apart = g_build_filename(dir, "two-runs", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"batch", archive, "-o", one, "-j", "2", "-q", NULL});
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"batch", january, "-o", apart, "-q", NULL});
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"batch", pack, "-o", apart, "-q", NULL});
    cli_result_free(&r);
    cr_expect_eq(expect_same_meetings(one, apart, "one run against two"), 2);

    /* the January frontsheet again, printed with another venue */
    render_january_with(archive, "moved", "Council Chamber - Harbourside Civic Centre",
                        "Room 2 - Harbourside Library");
    r = cli_run(NULL, (const char *[]){"batch", archive, "-o", one, "-q", NULL});
    char *path = meeting_path(one, "2026-01-13");
    cJSON *m = read_json(path);
    char *warnings = cJSON_PrintUnformatted(cJSON_GetObjectItem(m, "warnings"));
    cr_expect(strstr(warnings, "meeting details in ") && strstr(warnings, "differ"), "%s",
              warnings);
    cr_expect_eq(cJSON_GetArraySize(cJSON_GetObjectItem(m, "sources")), 3);
    cJSON_free(warnings);
    cJSON_Delete(m);
    cli_result_free(&r);
    g_free(path);
    g_free(one);
    g_free(apart);
    g_free(pack);
    g_free(january);
    g_free(archive);
}

/* Files under path (recursed) that are neither JSON nor the store:
 * temporary files left. */
static int leftovers(const char *path)
{
    int n = 0;
    GPtrArray *names = list_dir(path);
    for (guint i = 0; i < names->len; i++) {
        char *child = g_build_filename(path, names->pdata[i], NULL);
        if (g_file_test(child, G_FILE_TEST_IS_DIR))
            n += leftovers(child);
        else
            n += !g_str_has_suffix(child, ".json") &&
                 strcmp(names->pdata[i], "agendapack.sqlite") != 0 &&
                 strcmp(names->pdata[i], ".lock") != 0;
        g_free(child);
    }
    g_ptr_array_free(names, TRUE);
    return n;
}

/* A batch of archive into out with two workers, killed (SIGKILL) after
 * delay_ms. */
static void batch_killed_after(const char *archive, const char *out, int delay_ms)
{
    const char *argv[] = {AP_CLI, "batch", archive, "-o", out, "-j", "2", "-q", NULL};
    GPid pid;
    cr_assert(g_spawn_async(NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD |
                            G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                            NULL, NULL, &pid, NULL));
    g_usleep((gulong)delay_ms * 1000);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    g_usleep(200 * 1000);   /* workers it forked finish their file */
}

/* kill -9 at some moment, then a rerun: the same meeting files as a run
 * never interrupted, and nothing temporary left. Whenever the kill lands
 * (before the first file, mid-file, after the last) this must hold. */
Test(batch, a_run_killed_then_rerun_ends_as_an_uninterrupted_one)
{
    static const char *const packs[] = {"sample-pack", "harbourside-january", "scorecard-pack",
                                        "minutes-printed", "pack-covers", "scorecard-county",
                                        "agenda-table", "minutes-prose"};
    char *archive = g_build_filename(dir, "archive", NULL);
    cr_assert_eq(g_mkdir_with_parents(archive, 0755), 0);
    for (size_t i = 0; i < G_N_ELEMENTS(packs); i++)
        g_free(render_fixture(archive, packs[i], NULL));
    char *whole = g_build_filename(dir, "whole", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"batch", archive, "-o", whole, "-q", NULL});
    cli_result_free(&r);

    for (int delay_ms = 5; delay_ms <= 80; delay_ms *= 4) {
        char *killed = g_strdup_printf("%s/killed-%d", dir, delay_ms);
        batch_killed_after(archive, killed, delay_ms);
        r = cli_run(NULL, (const char *[]){"batch", archive, "-o", killed, "-q", NULL});
        cr_expect_eq(r.status, 0, "%s", r.err);
        cli_result_free(&r);
        char *what = g_strdup_printf("killed at %d ms", delay_ms);
        cr_expect_gt(expect_same_meetings(whole, killed, what), 4);
        cr_expect_eq(leftovers(killed), 0, "%s: temporary files left", what);
        g_free(what);
        g_free(killed);
    }
    g_free(whole);
    g_free(archive);
}

static long count_rows(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
    cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
    long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* The store of a batch over the Harbourside archive and the scorecard
 * pack. */
static char *batched_store(void)
{
    char *archive = harbourside_archive("scorecard-pack");
    char *out = g_build_filename(dir, "out", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, "-q", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    char *db = g_build_filename(out, "agendapack.sqlite", NULL);
    g_free(out);
    g_free(archive);
    return db;
}

/* The store a batch leaves: a rollback-journal file (readers open it
 * immutable; test_hardening checks they leave nothing beside it), one row
 * per meeting, its items, minutes, attendance and indicators, and
 * full-text search over them. */
Test(batch, the_store_holds_the_meetings_and_answers_queries)
{
    char *db_path = batched_store();
    cli_result r;
    sqlite3 *db;
    cr_assert_eq(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    cr_assert_eq(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_step(st), SQLITE_ROW);
    cr_expect_str_eq((const char *)sqlite3_column_text(st, 0), "delete");
    sqlite3_finalize(st);
    cr_expect_eq(count_rows(db, "SELECT count(*) FROM files"), 3);
    cr_expect_eq(count_rows(db, "SELECT count(*) FROM meetings"), 3);
    cr_expect_eq(count_rows(db, "SELECT count(*) FROM meetings WHERE status = 'agenda+minutes'"), 1);
    cr_expect_eq(count_rows(db, "SELECT count(*) FROM minute_entries WHERE meeting_id LIKE "
                                "'%2026-01-13'"), 3);
    cr_expect_gt(count_rows(db, "SELECT count(*) FROM attendance"), 3);
    cr_expect_eq(count_rows(db, "SELECT count(*) FROM indicators WHERE meeting_id LIKE "
                                "'%meadowvale%'"), 5);
    cr_expect_eq(count_rows(db, "SELECT count(*) FROM indicator_values v JOIN indicators i ON "
                                "i.id = v.indicator_id WHERE i.ref = 'MV1'"), 2);
    sqlite3_close(db);

    /* an agenda item's title, as a user types it */
    r = cli_run(NULL, (const char *[]){"query", db_path, "flood", "resilience", "--json", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cJSON *hits = cJSON_Parse(r.out);
    cr_assert(cJSON_GetArraySize(hits) >= 1, "%s", r.out);
    const cJSON *hit = cJSON_GetArrayItem(hits, 0);
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(hit, "date")), "2026-03-03");
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(hit, "kind")), "item");
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(hit, "number")), "4");
    cJSON_Delete(hits);
    cli_result_free(&r);
    /* words from a minute's text, in the table */
    r = cli_run(NULL, (const char *[]){"query", db_path, "no urgent items", NULL});
    cr_expect(strstr(r.out, "2026-01-13") && strstr(r.out, "minute      16"), "%s", r.out);
    cli_result_free(&r);
    /* a malformed query: one line saying so (test_query.c tries the rest) */
    r = cli_run(NULL, (const char *[]){"query", db_path, "\"flood", "AND", "(", NULL});
    cr_expect_eq(r.status, 1, "%s", r.err);
    cr_expect(strstr(r.err, "malformed query") && count_lines(r.err) == 1, "%s", r.err);
    cli_result_free(&r);
    /* no store there: one line naming it */
    char *missing = g_build_filename(dir, "none.sqlite", NULL);
    r = cli_run(NULL, (const char *[]){"query", missing, "flood", NULL});
    cr_expect_eq(r.status, 1);
    cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
    cr_expect(strstr(r.err, missing) != NULL, "%s", r.err);
    cli_result_free(&r);
    g_free(missing);
    g_free(db_path);
}

/* Exports a dashboard reads: indicator values as CSV and NDJSON, meetings
 * as records and as Open Civic Data Events, the latter checked against
 * the OCD event fields by an independent validator (python3-jsonschema). */
Test(batch, exports_for_dashboards_and_open_civic_data)
{
    char *db = batched_store();
    cli_result r;

    r = cli_run(NULL, (const char *[]){"export", db, "--indicators", "--format", "csv", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(g_str_has_prefix(r.out, "meeting_id,council,committee,meeting_date,item,ref,name,"
                                      "period,period_kind,label,raw,value,unit,target,rag,"
                                      "direction,latest,source_file,pdf_page\n"), "%s", r.out);
    /* a thousands separator quoted; the value parsed; the period normalised
     * and its kind said; the rating, direction and target on the latest
     * value's row alone; the file and page the row came from */
    cr_expect(strstr(r.out, "unknown/meadowvale-people-scrutiny-panel/2026-03-04,,MEADOWVALE "
                            "PEOPLE SCRUTINY PANEL,2026-03-04,5,MV1,Referrals received (No.),"
                            "2025-10,month,Oct-25,\"1,402\",1402,count,\"1,300\",amber,up,true,"
                            "scorecard-pack.pdf,2\n") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, ",MV1,Referrals received (No.),2025-09,month,Sep-25,\"1,346\",1346,"
                            "count,,,,false,scorecard-pack.pdf,2\n") != NULL, "%s", r.out);
    int csv_rows = count_lines(r.out) - 1;
    cli_result_free(&r);

    r = cli_run(NULL, (const char *[]){"export", db, "--indicators", "--format", "ndjson", NULL});
    cr_expect_eq(count_lines(r.out), csv_rows);
    char **lines = g_strsplit(r.out, "\n", -1);
    cJSON *first = cJSON_Parse(lines[0]);
    cr_assert_not_null(first, "%s", lines[0]);
    cr_expect(cJSON_IsNumber(cJSON_GetObjectItem(first, "value")));
    cJSON_Delete(first);
    g_strfreev(lines);
    cli_result_free(&r);

    r = cli_run(NULL, (const char *[]){"export", db, "--meetings", "--format", "ndjson", NULL});
    cr_expect_eq(count_lines(r.out), 3, "%s", r.out);
    cli_result_free(&r);

    r = cli_run(NULL, (const char *[]){"export", db, "--meetings", "--format", "ocd", NULL});
    cr_expect_eq(count_lines(r.out), 3);
    char *events = write_file(dir, "events.ndjson", r.out, strlen(r.out));
    char *schema = g_build_filename(AP_SOURCE_DIR, "tests", "ocd_event.schema.json", NULL);
    const char *check =
        "import json, sys, jsonschema\n"
        "schema = json.load(open(sys.argv[1]))\n"
        "events = [json.loads(l) for l in open(sys.argv[2])]\n"
        "for e in events: jsonschema.validate(e, schema)\n"
        "for e in events: assert e.get('end_date') != '', e\n"
        "files = lambda e: [s['url'] for s in e['sources']]\n"
        "for e in events: assert all(d['links'][0]['url'].split('#')[0] in files(e) for d in e['documents'])\n"
        "jan = [e for e in events if e['start_date'] == '2026-01-13T18:30'][0]\n"
        "assert jan['status'] == 'passed', jan['status']\n"
        "assert [a['order'] for a in jan['agenda']] == ['14', '15', '16']\n"
        "assert any(p['entity_type'] == 'person' for p in jan['participants'])\n"
        "assert len(jan['sources']) == 2 and jan['extras']['status'] == 'agenda+minutes'\n";
    char *argv[] = {"python3", "-c", (char *)check, schema, events, NULL};
    gint status = -1;
    char *err = NULL;
    cr_assert(g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &err,
                           &status, NULL));
    cr_expect(g_spawn_check_wait_status(status, NULL), "OCD check failed: %s", err);
    g_free(err);
    g_free(schema);
    g_free(events);
    cli_result_free(&r);

    /* what cannot be asked */
    r = cli_run(NULL, (const char *[]){"export", db, "--meetings", "--format", "csv", NULL});
    cr_expect_eq(r.status, 1);
    cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"export", db, "--format", "csv", NULL});
    cr_expect_eq(r.status, 2);
    cli_result_free(&r);
    g_free(db);
}

/* Recorded votes reach the store (a row a vote, a row a member's vote)
 * and export as our vote objects and as Open Civic Data VoteEvents, the
 * latter checked against the OCD vote event fields by an independent
 * validator (python3-jsonschema). */
Test(batch, votes_in_the_store_and_as_open_civic_data_vote_events)
{
    char *archive = g_build_filename(dir, "votes", NULL);
    cr_assert_eq(g_mkdir_with_parents(archive, 0755), 0);
    g_free(render_fixture(archive, "minutes-votes", NULL));
    char *out = g_build_filename(dir, "out", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, "-q", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    char *db_path = g_build_filename(out, "agendapack.sqlite", NULL);
    sqlite3 *db;
    cr_assert_eq(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    cr_expect_eq(count_rows(db, "SELECT count(*) FROM votes"), 3);
    cr_expect_eq(count_rows(db, "SELECT count(*) FROM votes WHERE result = 'lost'"
                                " AND count_for = 3 AND count_against = 4"), 1);
    cr_expect_eq(count_rows(db, "SELECT count(*) FROM member_votes WHERE option = 'for'"), 8);
    cr_expect_eq(count_rows(db, "SELECT count(*) FROM member_votes m JOIN votes v"
                                " ON v.id = m.vote_id WHERE m.name = 'Ms Hart'"
                                " AND m.option = 'abstain'"), 2);
    sqlite3_close(db);

    r = cli_run(NULL, (const char *[]){"export", db_path, "--votes", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect_eq(count_lines(r.out), 3, "%s", r.out);
    /* each row links back: meeting, file, page */
    char **rows = g_strsplit(r.out, "\n", -1);
    cJSON *first = cJSON_Parse(rows[0]);
    cr_assert_not_null(first, "%s", rows[0]);
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(first, "meeting_id")),
                     "westmarsh/council/2026-01-15");
    cr_expect_str_eq(cJSON_GetStringValue(cJSON_GetObjectItem(first, "source_file")),
                     "minutes-votes.pdf");
    cr_expect_eq(cJSON_GetObjectItem(first, "pdf_page")->valueint, 1);
    cJSON_Delete(first);
    g_strfreev(rows);
    cli_result_free(&r);

    r = cli_run(NULL, (const char *[]){"export", db_path, "--votes", "--format", "ocd", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    char *events = write_file(dir, "votes.ndjson", r.out, strlen(r.out));
    char *schema = g_build_filename(AP_SOURCE_DIR, "tests", "ocd_vote_event.schema.json", NULL);
    const char *check =
        "import json, sys, jsonschema\n"
        "schema = json.load(open(sys.argv[1]))\n"
        "jsonschema.Draft7Validator.check_schema(schema)\n"
        "events = [json.loads(l) for l in open(sys.argv[2])]\n"
        "assert len(events) == 3, len(events)\n"
        "for e in events: jsonschema.validate(e, schema)\n"
        "amendment = events[0]\n"
        "assert amendment['result'] == 'fail' and amendment['start_date'] == '2026-01-15'\n"
        "assert amendment['motion_text'] == 'the amendment set out in paragraph 2'\n"
        "counts = {c['option']: c['value'] for c in amendment['counts']}\n"
        "assert counts == {'yes': 3, 'no': 4, 'abstain': 1}, counts\n"
        "yes = [v['voter_name'] for v in amendment['votes'] if v['option'] == 'yes']\n"
        "assert yes == ['Mr Amos', 'Mrs Bell', 'Dr Shah'], yes\n";
    char *argv[] = {"/usr/bin/python3", "-c", (char *)check, schema, events, NULL};
    gint status = -1;
    char *err = NULL;
    cr_assert(g_spawn_sync(NULL, argv, NULL, 0, NULL, NULL, NULL, &err, &status, NULL));
    cr_expect(g_spawn_check_wait_status(status, NULL), "OCD vote check failed: %s", err);
    g_free(err);
    g_free(schema);
    g_free(events);
    cli_result_free(&r);
    g_free(db_path);
    g_free(out);
    g_free(archive);
}

static void expect_same_outdirs(const char *a, const char *b, const char *what);

/* ---- shards and their merge --------------------------------------------------------------- */

/* DIR/many: packs, minutes and documents published on their own, enough
 * for four shards to split and for documents to link across them. */
static char *many_archive(void)
{
    static const char *const fixtures[] = {
        "sample-pack", "harbourside-january", "scorecard-pack", "minutes-votes",
        "minutes-printed", "kpi-summary", "archive-frontsheet", "archive-appendix",
        "archive-council-report", "archive-decision", "archive-supplement", "archive-questions"};
    char *archive = g_build_filename(dir, "many", NULL);
    cr_assert_eq(g_mkdir_with_parents(archive, 0755), 0);
    for (size_t i = 0; i < G_N_ELEMENTS(fixtures); i++)
        g_free(render_fixture(archive, fixtures[i], NULL));
    return archive;
}

/* batch --shard K/N of archive into DIR/shard-K (env NULL: this one's). */
static char *run_shard(const char *archive, int k, int n, char **env)
{
    char *out = g_strdup_printf("%s/shard-%d", dir, k), *spec = g_strdup_printf("%d/%d", k, n);
    cli_result r = cli_run(env, (const char *[]){"batch", archive, "-o", out, "-j", "1",
                                                 "--shard", spec, "-q", NULL});
    cr_assert(r.status == 0 || env, "shard %s: %s", spec, r.err);
    cli_result_free(&r);
    g_free(spec);
    return out;
}

static cli_result merge_shards(char **shards, int n, const char *out)
{
    const char *argv[16] = {"merge", "-o", out};
    int a = 3;
    for (int k = 0; k < n; k++)
        argv[a++] = shards[k];
    argv[a] = NULL;
    return cli_run(NULL, argv);
}

Test(batch, four_shards_merged_equal_one_batch)
{
    char *archive = many_archive(), *one = g_build_filename(dir, "one", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"batch", archive, "-o", one, "-q", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    char *shards[4];
    size_t entries = 0;
    for (int k = 0; k < 4; k++) {
        shards[k] = run_shard(archive, k, 4, NULL);
        /* a shard's log holds its own contents only */
        char *log = g_build_filename(shards[k], "files", NULL);
        GPtrArray *names = list_dir(log);
        for (guint i = 0; i < names->len; i++)
            cr_expect_eq(ap_shard_of(names->pdata[i], 4), (unsigned)k, "%s in shard %d",
                         (char *)names->pdata[i], k);
        entries += names->len;
        g_ptr_array_free(names, TRUE);
        g_free(log);
    }
    char *log = g_build_filename(one, "files", NULL);
    GPtrArray *all = list_dir(log);
    cr_expect_eq(entries, all->len, "the shards split the files, each once");
    cr_expect_gt(all->len, 8);
    g_ptr_array_free(all, TRUE);
    g_free(log);

    /* two shards merged, then all four: the second merge updates what
     * the first built */
    char *merged = g_build_filename(dir, "merged", NULL);
    r = merge_shards(shards, 2, merged);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    r = merge_shards(shards, 4, merged);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    cr_expect_gt(expect_same_meetings(one, merged, "one batch and four shards merged"), 3);
    expect_same_outdirs(one, merged, "two shards merged, then four");
    /* the store answers as the one batch's does */
    char *db_one = g_build_filename(one, "agendapack.sqlite", NULL);
    char *db_merged = g_build_filename(merged, "agendapack.sqlite", NULL);
    cli_result q1 = cli_run(NULL, (const char *[]){"query", db_one, "minutes", "--json", NULL});
    cli_result q2 = cli_run(NULL, (const char *[]){"query", db_merged, "minutes", "--json", NULL});
    cr_expect_str_eq(q1.out, q2.out);
    cli_result_free(&q1);
    cli_result_free(&q2);
    /* merged again: nothing copied, the meetings as they were */
    r = merge_shards(shards, 4, merged);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, " 0 copied"), "%s", r.out);
    cli_result_free(&r);
    expect_same_meetings(one, merged, "merged twice");
    for (int k = 0; k < 4; k++)
        g_free(shards[k]);
    g_free(db_one);
    g_free(db_merged);
    g_free(merged);
    g_free(one);
    g_free(archive);
}

Test(batch, a_shard_whose_worker_died_rerun_then_merged_equals_one_batch)
{
    char *archive = many_archive(), *one = g_build_filename(dir, "one", NULL);
    cli_result r = cli_run(NULL, (const char *[]){"batch", archive, "-o", one, "-q", NULL});
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    char **env = g_environ_setenv(g_get_environ(), "AGENDAPACK_TEST_CRASH", "minutes-votes.pdf",
                                  TRUE);
    char *shards[3];
    for (int k = 0; k < 3; k++)
        g_free(run_shard(archive, k, 3, env));
    g_strfreev(env);
    char *merged = g_build_filename(dir, "merged", NULL);
    for (int k = 0; k < 3; k++)
        shards[k] = g_strdup_printf("%s/shard-%d", dir, k);
    r = merge_shards(shards, 3, merged);
    cr_expect_eq(r.status, 1, "a failed file is a failure of the merge too");
    cr_expect(strstr(r.err, "minutes-votes.pdf"), "%s", r.err);
    cli_result_free(&r);
    /* every shard run again: only the file that failed is converted */
    for (int k = 0; k < 3; k++)
        g_free(run_shard(archive, k, 3, NULL));
    r = merge_shards(shards, 3, merged);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, " 1 copied"), "%s", r.out);
    cli_result_free(&r);
    expect_same_meetings(one, merged, "a shard rerun, merged again");
    expect_same_folder(one, merged, "documents", "merged");
    for (int k = 0; k < 3; k++)
        g_free(shards[k]);
    g_free(merged);
    g_free(one);
    g_free(archive);
}

Test(batch, shards_are_named_by_content_the_same_everywhere)
{
    /* the first 32 bits of the hash modulo N: fixed, since shards made by
     * one version are merged by another */
    const char *sha = "00b79315560819c60659092344bd8151dd586f380e8f8fdf86d4af52f986ed2a";
    cr_expect_eq(ap_shard_of(sha, 4), 0x00b79315u % 4);
    cr_expect_eq(ap_shard_of(sha, 7), 0x00b79315u % 7);
    cr_expect_eq(ap_shard_of(sha, 1), 0u);
    static const char *const bad[] = {"0/0", "4/4", "x", "1/2x", "-1/3", "1", "/2"};
    char *archive = g_build_filename(dir, "none", NULL), *out = g_build_filename(dir, "o", NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        cli_result r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, "--shard",
                                                     bad[i], NULL});
        cr_expect_eq(r.status, 2, "--shard %s: %s", bad[i], r.err);
        cr_expect(strstr(r.err, "--shard takes K/N"), "%s", r.err);
        cli_result_free(&r);
    }
    cli_result r = cli_run(NULL, (const char *[]){"merge", archive, "-o", out, NULL});
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "not the output folder of a run"), "%s", r.err);
    cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
    cli_result_free(&r);
    g_free(out);
    g_free(archive);
}

/* ---- incremental rebuilds ------------------------------------------------------------- */

/* The store's rows as text, table by table, in an order both a store
 * built at once and one updated meeting by meeting give: by meeting, then
 * as each meeting's rows went in. Row ids are left out (an update gives a
 * replaced meeting new ones), and so are conversion times. */
static char *store_rows(const char *out)
{
    static const char *const tables[] = {
        "SELECT * FROM meetings ORDER BY id",
        "SELECT sha256, path, status, error, pages FROM files ORDER BY sha256",
        "SELECT * FROM sources ORDER BY meeting_id, rowid",
        "SELECT * FROM agenda_items ORDER BY meeting_id, rowid",
        "SELECT * FROM documents ORDER BY meeting_id, rowid",
        "SELECT * FROM minute_entries ORDER BY meeting_id, rowid",
        "SELECT * FROM resolutions ORDER BY meeting_id, rowid",
        "SELECT * FROM declarations ORDER BY meeting_id, rowid",
        "SELECT * FROM attendance ORDER BY meeting_id, rowid",
        "SELECT meeting_id, minute_number, position, motion, result, count_for, count_against,"
        " count_abstain, minute_position FROM votes ORDER BY meeting_id, id",
        "SELECT v.meeting_id, v.position, mv.name, mv.option FROM member_votes mv"
        " JOIN votes v ON v.id = mv.vote_id ORDER BY v.meeting_id, v.id, mv.rowid",
        "SELECT meeting_id, item, ref, name, target_raw, target_value, target_op, rag,"
        " direction, source_file, pdf_page, target_max FROM indicators ORDER BY meeting_id, id",
        "SELECT i.meeting_id, v.position, v.label, v.period, v.raw, v.value, v.unit,"
        " v.period_kind, v.latest FROM indicator_values v JOIN indicators i"
        " ON i.id = v.indicator_id ORDER BY i.meeting_id, i.id, v.rowid",
        "SELECT meeting_id, kind, number, minute, title, body FROM search"
        " ORDER BY meeting_id, rowid",
        "SELECT meeting_id, last - first FROM search_rows ORDER BY meeting_id",
        "SELECT * FROM unplaced_documents ORDER BY id",
    };
    char *path = g_build_filename(out, "agendapack.sqlite", NULL);
    sqlite3 *db;
    cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    /* each search row lies in its meeting's range, which holds no other */
    cr_expect_eq(count_rows(db, "SELECT count(*) FROM search s JOIN search_rows r"
                                " ON r.meeting_id = s.meeting_id"
                                " WHERE s.rowid BETWEEN r.first AND r.last"),
                 count_rows(db, "SELECT count(*) FROM search"), "%s", out);
    cr_expect_eq(count_rows(db, "SELECT count(*) FROM search s JOIN search_rows r"
                                " ON s.rowid BETWEEN r.first AND r.last"
                                " WHERE s.meeting_id != r.meeting_id"), 0, "%s", out);
    GString *text = g_string_new(NULL);
    for (size_t t = 0; t < G_N_ELEMENTS(tables); t++) {
        sqlite3_stmt *st;
        cr_assert_eq(sqlite3_prepare_v2(db, tables[t], -1, &st, NULL), SQLITE_OK, "%s: %s",
                     tables[t], sqlite3_errmsg(db));
        g_string_append_printf(text, "%s\n", tables[t]);
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const unsigned char *v = sqlite3_column_text(st, c);
                g_string_append_printf(text, "%s|", v ? (const char *)v : "NULL");
            }
            g_string_append_c(text, '\n');
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    g_free(path);
    return g_string_free(text, FALSE);
}

/* Expects two OUTDIRs to hold the same meetings, documents and store
 * rows, and to answer a search alike. */
static void expect_same_outdirs(const char *a, const char *b, const char *what)
{
    cr_expect_gt(expect_same_meetings(a, b, what), 0, "%s", what);
    expect_same_folder(a, b, "documents", what);
    char *rows_a = store_rows(a), *rows_b = store_rows(b);
    cr_expect(!strcmp(rows_a, rows_b), "%s: the stores differ:\n%s\n----\n%s", what, rows_a,
              rows_b);
    g_free(rows_a);
    g_free(rows_b);
    char *db_a = g_build_filename(a, "agendapack.sqlite", NULL);
    char *db_b = g_build_filename(b, "agendapack.sqlite", NULL);
    cli_result q1 = cli_run(NULL, (const char *[]){"query", db_a, "council", "--json", NULL});
    cli_result q2 = cli_run(NULL, (const char *[]){"query", db_b, "council", "--json", NULL});
    cr_expect_str_eq(q1.out, q2.out, "%s", what);
    cli_result_free(&q1);
    cli_result_free(&q2);
    g_free(db_a);
    g_free(db_b);
}

/* The inode and change time of each meeting file: a file written again
 * is a new one (whose inode may be one freed just before). */
static GHashTable *meeting_inodes(const char *out)
{
    GHashTable *inodes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    char *folder = g_build_filename(out, "meetings", NULL);
    GPtrArray *names = list_dir(folder);
    for (guint i = 0; i < names->len; i++) {
        char *path = g_build_filename(folder, names->pdata[i], NULL);
        struct stat st;
        cr_assert_eq(stat(path, &st), 0);
        g_hash_table_insert(inodes, g_strdup(names->pdata[i]),
                            g_strdup_printf("%ju %jd.%09ld", (uintmax_t)st.st_ino,
                                            (intmax_t)st.st_ctim.tv_sec, st.st_ctim.tv_nsec));
        g_free(path);
    }
    g_ptr_array_free(names, TRUE);
    g_free(folder);
    return inodes;
}

/* "N meetings (K made again)" of a batch's summary: K. */
static int made_again(const char *out)
{
    const char *s = strstr(out, " made again)");
    cr_assert(s, "%s", out);
    while (s > out && g_ascii_isdigit(s[-1]))
        s--;
    return atoi(s);
}

static void batch_into(const char *archive, const char *out, cli_result *r)
{
    *r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, "-j", "2", NULL});
    cr_assert_eq(r->status, 0, "%s", r->err);
}

/* Files added to an archive: the run makes again only the meetings whose
 * records changed, leaves the others' files as they were, and ends with
 * the meetings, documents and store a batch over the whole archive gives,
 * the appendix that was unplaced now tied to its meeting (its record gone
 * from the folder and the store). */
Test(batch, a_run_that_adds_files_makes_only_their_meetings_again)
{
    static const char *const first[] = {"sample-pack", "harbourside-january", "scorecard-pack",
                                        "minutes-votes", "kpi-summary", "archive-appendix",
                                        "archive-decision"};
    static const char *const then[] = {"archive-frontsheet", "archive-council-report",
                                       "archive-supplement", "minutes-printed"};
    char *archive = g_build_filename(dir, "grows", NULL);
    cr_assert_eq(g_mkdir_with_parents(archive, 0755), 0);
    for (size_t i = 0; i < G_N_ELEMENTS(first); i++)
        g_free(render_fixture(archive, first[i], NULL));
    char *inc = g_build_filename(dir, "inc", NULL), *full = g_build_filename(dir, "full", NULL);
    cli_result r;
    batch_into(archive, inc, &r);
    GHashTable *before = meeting_inodes(inc);
    cr_expect_eq(made_again(r.out), (int)g_hash_table_size(before),
                 "a first run makes every meeting: %s", r.out);
    cli_result_free(&r);
    char *documents = g_build_filename(inc, "documents", NULL);
    GPtrArray *unplaced = list_dir(documents);

    for (size_t i = 0; i < G_N_ELEMENTS(then); i++)
        g_free(render_fixture(archive, then[i], NULL));
    batch_into(archive, inc, &r);
    int again = made_again(r.out);
    cli_result_free(&r);
    batch_into(archive, full, &r);
    cli_result_free(&r);
    expect_same_outdirs(inc, full, "files added, against one batch");
    GPtrArray *still = list_dir(documents);
    cr_expect_lt(still->len, unplaced->len, "an unplaced document is placed now");

    /* what was made again is what changed or is new; the rest untouched */
    GHashTable *after = meeting_inodes(inc);
    int changed = 0, untouched = 0;
    GHashTableIter it;
    gpointer name, inode;
    g_hash_table_iter_init(&it, after);
    while (g_hash_table_iter_next(&it, &name, &inode)) {
        gpointer was;
        bool kept = g_hash_table_lookup_extended(before, name, NULL, &was) &&
                    !strcmp(was, inode);
        untouched += kept;
        changed += !kept;
    }
    cr_expect_eq(again, changed, "made again %d, files written %d", again, changed);
    cr_expect_gt(untouched, 0, "no meeting was kept");
    cr_expect_gt(changed, 0, "no meeting was made");

    /* a run with nothing new makes nothing */
    batch_into(archive, inc, &r);
    cr_expect_eq(made_again(r.out), 0, "%s", r.out);
    cli_result_free(&r);

    /* a meeting file removed by hand: the store keeps the meeting, the
     * folder cannot, so the next run that rebuilds makes it again */
    char *lost = g_build_filename(inc, "meetings", "westmarsh__council__2026-01-15.json", NULL);
    cr_assert_eq(g_unlink(lost), 0, "%s", lost);

    /* the January frontsheet again, naming its council: the meeting that
     * had none takes it, and its id; the one of the old id is gone */
    render_january_with(archive, "named", "text Place:",
                        "text Harbourside Borough Council\ntext Place:");
    char *full2 = g_build_filename(dir, "full2", NULL);
    batch_into(archive, inc, &r);
    cli_result_free(&r);
    batch_into(archive, full2, &r);
    cli_result_free(&r);
    char *old = g_build_filename(inc, "meetings",
                                 "unknown__harbourside-environment-scrutiny-panel__2026-01-13.json",
                                 NULL);
    cr_expect(!g_file_test(old, G_FILE_TEST_EXISTS), "%s is still there", old);
    expect_same_outdirs(inc, full2, "a meeting's id changed, against one batch");
    cr_expect(g_file_test(lost, G_FILE_TEST_IS_REGULAR), "%s made again", lost);
    g_free(lost);
    g_free(old);
    g_free(full2);

    g_ptr_array_free(unplaced, TRUE);
    g_ptr_array_free(still, TRUE);
    g_hash_table_destroy(before);
    g_hash_table_destroy(after);
    g_free(documents);
    g_free(inc);
    g_free(full);
    g_free(archive);
}

/* Files added, and the run that takes them in killed at some moment, then
 * run again: the meetings, documents and store of a run never
 * interrupted. A kill during the rebuild leaves the meeting files half
 * updated; built.json is gone by then, so the next run makes every
 * meeting again. */
Test(batch, an_incremental_run_killed_then_rerun_ends_as_an_uninterrupted_one)
{
    static const char *const first[] = {"sample-pack", "scorecard-pack", "minutes-votes"};
    static const char *const then[] = {"harbourside-january", "minutes-printed", "pack-covers",
                                       "scorecard-county", "agenda-table", "minutes-prose"};
    char *archive = g_build_filename(dir, "archive", NULL);
    cr_assert_eq(g_mkdir_with_parents(archive, 0755), 0);
    for (size_t i = 0; i < G_N_ELEMENTS(first); i++)
        g_free(render_fixture(archive, first[i], NULL));
    char *part = g_build_filename(dir, "part", NULL);
    cli_result r;
    batch_into(archive, part, &r);
    cli_result_free(&r);
    for (size_t i = 0; i < G_N_ELEMENTS(then); i++)
        g_free(render_fixture(archive, then[i], NULL));
    char *whole = g_build_filename(dir, "whole", NULL);
    batch_into(archive, whole, &r);
    cli_result_free(&r);

    for (int delay_ms = 5; delay_ms <= 320; delay_ms *= 4) {
        char *killed = g_strdup_printf("%s/killed-%d", dir, delay_ms);
        char *copy = g_strdup_printf("cp -a '%s' '%s'", part, killed);
        cr_assert_eq(system(copy), 0);
        batch_killed_after(archive, killed, delay_ms);
        batch_into(archive, killed, &r);
        cli_result_free(&r);
        char *what = g_strdup_printf("an update killed at %d ms", delay_ms);
        expect_same_outdirs(whole, killed, what);
        cr_expect_eq(leftovers(killed), 0, "%s: temporary files left", what);
        g_free(what);
        g_free(copy);
        g_free(killed);
    }
    g_free(whole);
    g_free(part);
    g_free(archive);
}
