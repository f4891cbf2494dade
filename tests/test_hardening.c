#define _GNU_SOURCE  /* mkfifo, flock, symlink */
/*
 * test_hardening.c: agendapack against faults, hostile input and odd
 * paths. Each test reproduces a defect found by trying the tool as a
 * hostile or careless user would, and fails on a build without its fix:
 * clean-up following links out of OUTDIR, a full or read-only disk, a
 * damaged record, two runs on one OUTDIR, FIFOs and folder loops, files
 * that run away with time or memory, huge pages, over-long names, reruns
 * that write, failed files never retried, messages, and what the exports
 * and the terminal are handed.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/helpers.h"
#include "parsers/raster_marks.h"
#include "parsers/pdf.h"
#include "core/page_model.h"

static char *dir;
/* What a test mounted, unmounted in teardown: a failed assertion ends the
 * test before its own clean-up would. */
static GPtrArray *mounted;

static void setup(void)
{
    dir = scratch_dir();
    mounted = g_ptr_array_new_with_free_func(g_free);
}

static void teardown(void)
{
    for (guint i = mounted->len; i-- > 0;)
        umount2(mounted->pdata[i], MNT_DETACH);
    g_ptr_array_free(mounted, TRUE);
    scratch_remove(dir);
}
TestSuite(hardening, .init = setup, .fini = teardown, .timeout = 120);

/* ---- helpers ---------------------------------------------------------------- */

static char *path_in(const char *name)
{
    return g_build_filename(dir, name, NULL);
}

static void make_dirs(const char *path)
{
    cr_assert_eq(g_mkdir_with_parents(path, 0755), 0, "%s", path);
}

/* A fixture's text with each (from, to) pair replaced, rendered into
 * into/NAME.pdf. */
static char *variant(const char *fixture, const char *into, const char *name,
                     const char *const *pairs)
{
    char *src = g_strdup_printf("%s/fixtures/%s.txt", AP_SOURCE_DIR, fixture), *text;
    cr_assert(g_file_get_contents(src, &text, NULL, NULL), "%s", src);
    for (const char *const *p = pairs; p && *p; p += 2) {
        cr_assert(strstr(text, p[0]), "%s has no '%s'", fixture, p[0]);
        char **parts = g_strsplit(text, p[0], -1);
        g_free(text);
        text = g_strjoinv(p[1], parts);
        g_strfreev(parts);
    }
    char *spec_name = g_strconcat(name, ".txt", NULL);
    char *spec = write_file(dir, spec_name, text, strlen(text));
    char *pdf = render_fixture(into, spec, NULL);
    g_free(spec);
    g_free(spec_name);
    g_free(text);
    g_free(src);
    return pdf;
}

static void touch(const char *path, const char *text)
{
    cr_assert(g_file_set_contents(path, text, -1, NULL), "%s", path);
}

static bool exists(const char *path)
{
    GStatBuf st;
    return g_lstat(path, &st) == 0;
}

/* A program run to its end; its exit status (-1 when it could not run). */
static int run_program(const char *const *argv, char **err)
{
    gint status = -1;
    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                      NULL, NULL, NULL, err, &status, NULL))
        return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Mounts a tmpfs of size_kb at path, or says why not. */
static bool mount_tmpfs(const char *path, int size_kb, char **why)
{
    char *opt = g_strdup_printf("size=%dk", size_kb);
    char *err = NULL;
    int rc = run_program((const char *[]){"mount", "-t", "tmpfs", "-o", opt, "tmpfs", path, NULL},
                         &err);
    if (rc != 0)
        *why = g_strdup_printf("cannot mount a tmpfs (not root, or no mount permission here): %s",
                               err ? g_strstrip(err) : "mount did not run");
    else
        g_ptr_array_add(mounted, g_strdup(path));
    g_free(err);
    g_free(opt);
    return rc == 0;
}

/* Makes path a read-only bind mount of itself, or says why not. */
static bool bind_read_only(const char *path, char **why)
{
    char *err = NULL;
    int rc = run_program((const char *[]){"mount", "--bind", path, path, NULL}, &err);
    if (rc == 0) {
        g_ptr_array_add(mounted, g_strdup(path));
        g_clear_pointer(&err, g_free);
        rc = run_program((const char *[]){"mount", "-o", "remount,ro,bind", path, NULL}, &err);
    }
    if (rc != 0)
        *why = g_strdup_printf("cannot make a read-only bind mount (not root, or no mount "
                               "permission here): %s", err ? g_strstrip(err) : "mount did not run");
    g_free(err);
    return rc == 0;
}

static cli_result batch(const char *input, const char *out, const char *extra)
{
    return cli_run(NULL, (const char *[]){"batch", input, "-o", out, "-q", extra, NULL});
}

/* Two sample packs in dir/archive. */
static char *small_archive(void)
{
    char *archive = path_in("archive");
    make_dirs(archive);
    g_free(render_fixture(archive, "sample-pack", NULL));
    g_free(render_fixture(archive, "minutes-printed", NULL));
    return archive;
}

/* The store of a batch over small_archive() (in dir/out). */
static char *small_store(void)
{
    char *archive = small_archive(), *out = path_in("out");
    cli_result r = batch(archive, out, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    char *db = g_build_filename(out, "agendapack.sqlite", NULL);
    g_free(out);
    g_free(archive);
    return db;
}

static GPtrArray *names_in(const char *outdir, const char *part)
{
    char *sub = g_build_filename(outdir, part, NULL);
    GPtrArray *names = list_dir(sub);
    g_free(sub);
    return names;
}

/* Every meeting file of a, byte for byte in b; returns how many. */
static guint expect_same_meetings(const char *a, const char *b)
{
    GPtrArray *names = names_in(a, "meetings");
    GPtrArray *other = names_in(b, "meetings");
    cr_expect_eq(names->len, other->len, "%u meetings against %u", names->len, other->len);
    for (guint i = 0; i < names->len; i++) {
        char *pa = g_build_filename(a, "meetings", names->pdata[i], NULL);
        char *pb = g_build_filename(b, "meetings", names->pdata[i], NULL);
        gchar *ta = NULL, *tb = NULL;
        cr_expect(g_file_get_contents(pa, &ta, NULL, NULL) && g_file_get_contents(pb, &tb, NULL, NULL)
                  && !strcmp(ta, tb), "%s differs", (char *)names->pdata[i]);
        g_free(ta);
        g_free(tb);
        g_free(pa);
        g_free(pb);
    }
    guint n = names->len;
    g_ptr_array_free(names, TRUE);
    g_ptr_array_free(other, TRUE);
    return n;
}

/* ---- 1. clean-up never follows a link out of OUTDIR ------------------------------ */

Test(hardening, clean_up_never_follows_a_link_out_of_outdir)
{
    char *archive = small_archive(), *out = path_in("out");
    cli_result r = batch(archive, out, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    /* a folder of someone else's files, linked into records/ */
    char *victim = path_in("victim");
    make_dirs(victim);
    char *keep_txt = g_build_filename(victim, "keep.txt", NULL);
    char *keep_tmp = g_build_filename(victim, "x.json.ABC123", NULL);
    touch(keep_txt, "mine");
    touch(keep_tmp, "mine too");
    char *link = g_build_filename(out, "records", "evil", NULL);
    cr_assert_eq(symlink(victim, link), 0);
    char *link_sha = g_strdup_printf("%s/records/%064d", out, 0);
    cr_assert_eq(symlink(victim, link_sha), 0);
    /* and a file of the user's own in meetings/ that no run wrote */
    char *notes = g_build_filename(out, "meetings", "notes.json", NULL);
    touch(notes, "{\"mine\": true}");
    r = batch(archive, out, "--force");
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(exists(keep_txt) && exists(keep_tmp), "a file outside OUTDIR was removed");
    cr_expect(exists(notes), "a file the run did not write was removed from meetings/");
    cli_result_free(&r);

    /* meetings/ itself a link: refused, nothing there touched */
    char *meetings = g_build_filename(out, "meetings", NULL);
    char *moved = path_in("meetings-real");
    cr_assert_eq(g_rename(meetings, moved), 0);
    cr_assert_eq(symlink(victim, meetings), 0);
    char *stray = g_build_filename(victim, "other.json", NULL);
    touch(stray, "{\"schema\": \"x\"}");
    r = batch(archive, out, "--force");
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "meetings: is a symbolic link") != NULL, "%s", r.err);
    cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
    cr_expect(exists(keep_txt) && exists(stray), "a file behind the link was removed");
    cli_result_free(&r);
    g_free(stray);
    g_free(moved);
    g_free(meetings);
    g_free(notes);
    g_free(link_sha);
    g_free(link);
    g_free(keep_tmp);
    g_free(keep_txt);
    g_free(victim);
    g_free(out);
    g_free(archive);
}

/* ---- 2. a full disk ------------------------------------------------------------------ */

Test(hardening, a_full_disk_stops_the_batch_with_the_path_and_the_reason)
{
    char *archive = small_archive(), *mnt = path_in("small"), *why = NULL;
    make_dirs(mnt);
    if (!mount_tmpfs(mnt, 1024, &why))
        cr_skip_test("%s", why);
    char *out = g_build_filename(mnt, "out", NULL);
    /* leave the disk all but full */
    char *filler = g_build_filename(mnt, "filler", NULL);
    FILE *f = fopen(filler, "w");
    static char block[4096];
    while (f && fwrite(block, 1, sizeof block, f) == sizeof block)
        ;
    if (f)
        fclose(f);
    cli_result r = batch(archive, out, NULL);
    cr_expect_eq(r.status, 1, "exit %d (139 is the old segfault): %s", r.status, r.err);
    cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
    cr_expect(strstr(r.err, "No space left on device") && strstr(r.err, out), "%s", r.err);
    cli_result_free(&r);
    /* room again: the rerun converts what was missing */
    g_unlink(filler);
    r = batch(archive, out, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    char *elsewhere = path_in("elsewhere");
    r = batch(archive, elsewhere, NULL);
    cli_result_free(&r);
    cr_expect_gt(expect_same_meetings(elsewhere, out), 0);
    g_free(elsewhere);
    g_free(filler);
    g_free(out);
    g_free(mnt);
    g_free(archive);
}

/* ---- 3 and 8. a read-only OUTDIR ---------------------------------------------------- */

static void expect_no_side_files(const char *db)
{
    char *wal = g_strconcat(db, "-wal", NULL), *shm = g_strconcat(db, "-shm", NULL);
    cr_expect(!exists(wal) && !exists(shm), "a reader left -wal or -shm beside the store");
    g_free(wal);
    g_free(shm);
}

Test(hardening, a_read_only_outdir_is_reread_and_queried_and_refuses_new_files)
{
    char *archive = small_archive(), *out = path_in("out"), *why = NULL;
    cli_result r = batch(archive, out, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    char *db = g_build_filename(out, "agendapack.sqlite", NULL);
    /* readers on a writable mount leave nothing beside the store */
    r = cli_run(NULL, (const char *[]){"query", db, "minutes", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"export", db, "--meetings", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    expect_no_side_files(db);

    if (!bind_read_only(out, &why))
        cr_skip_test("%s", why);
    /* nothing new: the rerun writes nothing, so it succeeds */
    r = batch(archive, out, NULL);
    cr_expect_eq(r.status, 0, "a rerun with nothing to do on a read-only OUTDIR: %s", r.err);
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"query", db, "minutes", NULL});
    cr_expect_eq(r.status, 0, "query of a read-only store: %s", r.err);
    cr_expect(strlen(r.out) > 0);
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"export", db, "--indicators", "--format", "csv", NULL});
    cr_expect_eq(r.status, 0, "export of a read-only store: %s", r.err);
    cli_result_free(&r);
    /* one new file: refused with the path and the reason, no crash */
    g_free(render_fixture(archive, "scorecard-pack", NULL));
    r = batch(archive, out, NULL);
    cr_expect_eq(r.status, 1, "exit %d (139 is the old segfault): %s", r.status, r.err);
    cr_expect(strstr(r.err, "Read-only file system") && strstr(r.err, out), "%s", r.err);
    cli_result_free(&r);
    g_free(db);
    g_free(out);
    g_free(archive);
}

Test(hardening, a_rerun_with_nothing_new_writes_nothing)
{
    char *archive = small_archive(), *out = path_in("out");
    cli_result r = batch(archive, out, NULL);
    cli_result_free(&r);
    char *db = g_build_filename(out, "agendapack.sqlite", NULL);
    GPtrArray *meetings = names_in(out, "meetings");
    char *meeting = g_build_filename(out, "meetings", meetings->pdata[0], NULL);
    GStatBuf before_db, before_m, after_db, after_m;
    cr_assert(g_stat(db, &before_db) == 0 && g_stat(meeting, &before_m) == 0);
    g_usleep(20000);
    r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, "-v", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    char *said = g_strdup_printf("%s%s", r.out, r.err);
    cli_result_free(&r);
    cr_assert(g_stat(db, &after_db) == 0 && g_stat(meeting, &after_m) == 0);
    cr_expect(before_db.st_ino == after_db.st_ino && before_db.st_mtime == after_db.st_mtime &&
              before_m.st_mtim.tv_nsec == after_m.st_mtim.tv_nsec,
              "a rerun with nothing to convert rewrote the store or the meetings: %s", said);
    g_free(said);
    g_ptr_array_free(meetings, TRUE);
    g_free(meeting);
    g_free(db);
    g_free(out);
    g_free(archive);
}

Test(hardening, export_of_a_damaged_store_says_so)
{
    char *db = small_store();
    cli_result r;
    gchar *data;
    gsize len;
    cr_assert(g_file_get_contents(db, &data, &len, NULL));
    memset(data + 100, 0xA5, len - 200);    /* the header kept, the pages garbage */
    cr_assert(g_file_set_contents(db, data, (gssize)len, NULL));
    g_free(data);
    const char *const formats[][2] = {{"--meetings", "ndjson"}, {"--indicators", "csv"}};
    for (size_t i = 0; i < G_N_ELEMENTS(formats); i++) {
        r = cli_run(NULL, (const char *[]){"export", db, formats[i][0], "--format", formats[i][1],
                                           NULL});
        cr_expect_eq(r.status, 1, "export %s of a damaged store: exit %d", formats[i][0], r.status);
        cr_expect(strstr(r.err, "damaged") != NULL, "%s", r.err);
        cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
        cli_result_free(&r);
    }
    g_free(db);
}

/* ---- 3. a damaged record ------------------------------------------------------------------ */

Test(hardening, a_damaged_record_is_reported_and_converted_again)
{
    char *archive = small_archive(), *out = path_in("out"), *copy = path_in("copy");
    cli_result r = batch(archive, out, NULL);
    cli_result_free(&r);
    r = batch(archive, copy, NULL);
    cli_result_free(&r);
    /* cut one record in half */
    GPtrArray *shas = names_in(out, "records");
    char *recdir = NULL, *record = NULL;
    for (guint i = 0; i < shas->len && !record; i++) {
        g_free(recdir);
        recdir = g_build_filename(out, "records", shas->pdata[i], NULL);
        GPtrArray *files = list_dir(recdir);
        if (files->len)
            record = g_build_filename(recdir, files->pdata[0], NULL);
        g_ptr_array_free(files, TRUE);
    }
    cr_assert_not_null(record);
    gchar *text;
    gsize len;
    cr_assert(g_file_get_contents(record, &text, &len, NULL));
    cr_assert(g_file_set_contents(record, text, (gssize)len / 2, NULL));
    g_free(text);
    r = batch(archive, out, NULL);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.err, record) && strstr(r.err, "damaged"), "not reported: %s", r.err);
    cli_result_free(&r);
    cr_expect_gt(expect_same_meetings(copy, out), 0);
    g_ptr_array_free(shas, TRUE);
    g_free(record);
    g_free(recdir);
    g_free(copy);
    g_free(out);
    g_free(archive);
}

/* ---- 4. one run at a time on an OUTDIR ------------------------------------------------------ */

Test(hardening, a_second_run_on_one_outdir_is_refused_naming_the_first)
{
    char *archive = small_archive(), *out = path_in("out");
    make_dirs(out);
    char *lock = g_build_filename(out, ".lock", NULL);
    int fd = open(lock, O_RDWR | O_CREAT, 0644);
    cr_assert(fd >= 0 && flock(fd, LOCK_EX) == 0);
    cr_assert(write(fd, "4242\n", 5) == 5);
    cli_result r = batch(archive, out, NULL);
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "in use by another agendapack run (pid 4242)") != NULL, "%s", r.err);
    cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
    cli_result_free(&r);
    close(fd);
    /* runs started together: each finishes or is refused, and what they
     * leave is what one run leaves */
    char *alone = path_in("alone");
    r = batch(archive, alone, NULL);
    cli_result_free(&r);
    for (int trial = 0; trial < 4; trial++) {
        char *shared = g_strdup_printf("%s/shared-%d", dir, trial);
        GPid pids[2];
        for (int k = 0; k < 2; k++) {
            const char *argv[] = {AP_CLI, "batch", archive, "-o", shared, "-q", NULL};
            cr_assert(g_spawn_async(NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD |
                                    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pids[k], NULL));
            g_usleep((gulong)trial * 3000);
        }
        for (int k = 0; k < 2; k++) {
            int status;
            waitpid(pids[k], &status, 0);
            cr_expect(WIFEXITED(status) && WEXITSTATUS(status) <= 1, "a run died");
        }
        r = batch(archive, shared, NULL);
        cr_expect_eq(r.status, 0, "%s", r.err);
        cli_result_free(&r);
        cr_expect_gt(expect_same_meetings(alone, shared), 0);
        g_free(shared);
    }
    g_free(alone);
    g_free(lock);
    g_free(out);
    g_free(archive);
}

/* ---- 5. FIFOs, folder loops, files that run away -------------------------------------------- */

Test(hardening, a_fifo_is_refused_not_waited_on, .timeout = 30)
{
    char *fifo = path_in("pipe.pdf"), *out = path_in("out");
    cr_assert_eq(mkfifo(fifo, 0644), 0);
    cli_result r = cli_run(NULL, (const char *[]){"convert", fifo, "-o", out, NULL});
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "not a regular file (a FIFO)") != NULL, "%s", r.err);
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"batch", fifo, "-o", out, "-q", NULL});
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "not a regular file (a FIFO)") != NULL, "%s", r.err);
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"text", fifo, NULL});
    cr_expect_eq(r.status, 1, "%s", r.err);
    cli_result_free(&r);
    /* in a folder: passed over */
    char *archive = small_archive();
    char *inner = g_build_filename(archive, "inner.pdf", NULL);
    cr_assert_eq(mkfifo(inner, 0644), 0);
    r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, "-q", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    g_free(inner);
    g_free(archive);
    g_free(out);
    g_free(fifo);
}

Test(hardening, links_that_loop_end_the_walk, .timeout = 30)
{
    char *archive = small_archive(), *out = path_in("out");
    char *a = g_build_filename(archive, "a", NULL), *b = g_build_filename(archive, "b", "c", NULL);
    make_dirs(a);
    make_dirs(b);
    char *up = g_build_filename(a, "up", NULL), *upup = g_build_filename(b, "upup", NULL);
    cr_assert_eq(symlink("..", up), 0);
    cr_assert_eq(symlink("../..", upup), 0);
    cli_result r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "batch: 2 files:") != NULL, "each file once: %s", r.out);
    cli_result_free(&r);
    g_free(up);
    g_free(upup);
    g_free(a);
    g_free(b);
    g_free(out);
    g_free(archive);
}

/* A PDF whose forms each draw the next one twice, depth levels deep:
 * 2^depth drawings of one line, or of a line of text when text. */
static char *nested_forms_pdf(const char *name, int depth, bool text)
{
    GString *pdf = g_string_new("%PDF-1.4\n");
    GArray *at = g_array_new(FALSE, FALSE, sizeof(gsize));
    int nobj = 4 + depth + 1;  /* the last: a font */
    for (int n = 1; n <= nobj; n++) {
        gsize off = pdf->len;
        g_array_append_val(at, off);
        g_string_append_printf(pdf, "%d 0 obj\n", n);
        if (n == 1) {
            g_string_append(pdf, "<< /Type /Catalog /Pages 2 0 R >>");
        } else if (n == 2) {
            g_string_append(pdf, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        } else if (n == 3) {
            g_string_append(pdf, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                                 "/Resources << /XObject << /F 5 0 R >> >> /Contents 4 0 R >>");
        } else if (n == nobj) {
            g_string_append(pdf, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        } else {
            bool page = n == 4, leaf = n == nobj - 1;
            const char *body = page ? "/F Do"
                             : leaf ? (text ? "BT /H 12 Tf 72 700 Td (Referrals received) Tj ET"
                                            : "0 0 m 10 10 l S")
                                    : "/F Do /F Do";
            if (page)
                g_string_append_printf(pdf, "<< /Length %zu >>", strlen(body));
            else if (leaf)
                g_string_append_printf(pdf, "<< /Type /XObject /Subtype /Form /BBox [0 0 612 792]"
                                            " /Resources << /Font << /H %d 0 R >> >>"
                                            " /Length %zu >>", nobj, strlen(body));
            else
                g_string_append_printf(pdf, "<< /Type /XObject /Subtype /Form /BBox [0 0 612 792]"
                                            " /Resources << /XObject << /F %d 0 R >> >>"
                                            " /Length %zu >>", n + 1, strlen(body));
            g_string_append_printf(pdf, "\nstream\n%s\nendstream", body);
        }
        g_string_append(pdf, "\nendobj\n");
    }
    gsize xref = pdf->len;
    g_string_append_printf(pdf, "xref\n0 %d\n0000000000 65535 f \n", nobj + 1);
    for (guint i = 0; i < at->len; i++)
        g_string_append_printf(pdf, "%010zu 00000 n \n", g_array_index(at, gsize, i));
    g_string_append_printf(pdf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                           nobj + 1, xref);
    char *path = write_file(dir, name, pdf->str, pdf->len);
    g_array_free(at, TRUE);
    g_string_free(pdf, TRUE);
    return path;
}

Test(hardening, convert_bounds_each_file_in_time, .timeout = 60)
{
    char *nested = nested_forms_pdf("nested.pdf", 40, false), *good = render_fixture(dir, "sample-pack", NULL);
    char *out = path_in("out");
    gint64 t0 = g_get_monotonic_time();
    cli_result r = cli_run(NULL, (const char *[]){"convert", nested, good, "-o", out, "--timeout",
                                                  "2", NULL});
    double secs = (double)(g_get_monotonic_time() - t0) / 1e6;
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "nested.pdf: timed out after 2 s") != NULL, "%s", r.err);
    cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
    cr_expect(strstr(r.out, "sample-pack.pdf: 10 pages") != NULL, "the next file: %s", r.out);
    cr_expect_lt(secs, 30, "took %.1f s", secs);
    cli_result_free(&r);
    g_free(out);
    g_free(good);
    g_free(nested);
}

/* A file whose text multiplies (2^18 lines of it through nested forms)
 * until the conversion passes its memory limit: the user is told that,
 * on one line, not that a worker crashed. */
Test(hardening, a_file_past_the_memory_limit_says_so, .timeout = 60)
{
#if defined(__SANITIZE_ADDRESS__)
    cr_skip_test("a sanitizer build runs without a memory limit (its shadow memory)");
#endif
    char *many = nested_forms_pdf("many.pdf", 18, true), *out = path_in("out");
    const char *const commands[] = {"convert", "batch"};
    for (size_t i = 0; i < G_N_ELEMENTS(commands); i++) {
        cli_result r = cli_run(NULL, (const char *[]){commands[i], many, "-o", out, "-q",
                                                      "--max-memory", "100", NULL});
        cr_expect_eq(r.status, 1);
        cr_expect(strstr(r.err, "many.pdf: memory limit (100 MB) reached") != NULL, "%s: %s",
                  commands[i], r.err);
        cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
        cli_result_free(&r);
    }
    g_free(out);
    g_free(many);
}

/* ---- 6. huge pages -------------------------------------------------------------------------------- */

Test(hardening, huge_pages_render_within_bounds, .timeout = 60)
{
    /* three pages 32000 points square, with a ruled table on each */
    GString *spec = g_string_new(NULL);
    for (int p = 0; p < 3; p++) {
        g_string_append(spec, "page 32000 32000\ntabs 56 200 400\n");
        g_string_append(spec, "row Ref | Measure | Value\nrow A1 | Referrals | 12\n"
                              "row A2 | Assessments | 14\n");
        g_string_append(spec, "rule 50 100 600 100\nrule 50 160 600 160\nrule 190 90 190 170\n");
    }
    char *spec_path = write_file(dir, "huge.txt", spec->str, spec->len);
    char *pdf = render_fixture(dir, spec_path, NULL), *out = path_in("out");
    gint64 t0 = g_get_monotonic_time();
    cli_result r = cli_run(NULL, (const char *[]){"convert", pdf, "-o", out, NULL});
    double secs = (double)(g_get_monotonic_time() - t0) / 1e6;
    cr_expect_lt(secs, 20, "took %.1f s", secs);
    cr_expect_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    /* no render of such a page at all: 1024 million pixels */
    ap_doc *doc = ap_doc_open(pdf, &(ap_error){{0}});
    cr_assert_not_null(doc);
    cr_expect_null(ap_page_image_new(doc, 0), "a 32000-point page was rendered");
    ap_doc_free(doc);
    g_string_free(spec, TRUE);
    g_free(out);
    g_free(pdf);
    g_free(spec_path);
}

/* A page whose width is 2^31 - 1 points: the render is refused, and the
 * arithmetic does not overflow (UBSan watches in the sanitizer build). */
Test(hardening, a_page_two_billion_points_wide_is_read_without_overflow, .timeout = 60)
{
    static const char page[] =
        "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
        "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 2147483647 200] /Contents 4 0 R >>"
        "\nendobj\n4 0 obj\n<< /Length 15 >>\nstream\n0 0 m 90 90 l S\nendstream\nendobj\n"
        "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
    char *pdf = write_file(dir, "wide.pdf", page, sizeof page - 1);
    ap_error err = {{0}};
    ap_doc *doc = ap_doc_open(pdf, &err);
    cr_assert_not_null(doc, "%s", err.message);
    cr_expect_null(ap_page_image_new(doc, 0));
    ap_doc_free(doc);
    g_free(pdf);
}

/* ---- 7. names too long ------------------------------------------------------------------------------ */

Test(hardening, a_committee_name_of_any_length_gives_a_writable_record)
{
    GString *name = g_string_new("Harbourside");
    while (name->len < 400)
        g_string_append(name, " and District");
    g_string_append(name, " Scrutiny Panel");
    /* a labelled name on one line, however long (the label route has no
     * cap of its own, as a heading has) */
    char *line = g_strdup_printf("at 10 60 2 bold Minutes of: %s\ngap 30\ntext Date: 13 January 2026",
                                 name->str);
    const char *pairs[] = {"title Harbourside Scrutiny Panel 13 January 2026", line, NULL};
    char *pdf = variant("minutes-labels", dir, "long-name", pairs), *out = path_in("out");
    cli_result r = cli_run(NULL, (const char *[]){"convert", pdf, "-o", out, NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    GPtrArray *files = list_dir(out);
    cr_expect_eq(files->len, 1, "no record written");
    for (guint i = 0; i < files->len; i++) {
        cr_expect_lt(strlen(files->pdata[i]), 200, "%s", (char *)files->pdata[i]);
        char *path = g_build_filename(out, files->pdata[i], NULL);
        r = cli_run(NULL, (const char *[]){"validate", path, NULL});
        cr_expect_eq(r.status, 0, "%s", r.err);
        cli_result_free(&r);
        g_free(path);
    }
    g_ptr_array_free(files, TRUE);
    g_free(line);
    g_string_free(name, TRUE);
    g_free(out);
    g_free(pdf);
}

/* ---- 9. failed files are tried again ----------------------------------------------------------------- */

Test(hardening, a_file_whose_worker_died_is_tried_again)
{
    char *archive = small_archive(), *out = path_in("out");
    char *env[] = {"AGENDAPACK_TEST_CRASH=minutes-printed.pdf", NULL};
    cli_result r = cli_run(env, (const char *[]){"batch", archive, "-o", out, "-q", NULL});
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "minutes-printed.pdf: worker crashed") != NULL, "%s", r.err);
    cli_result_free(&r);
    r = cli_run(NULL, (const char *[]){"batch", archive, "-o", out, NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, "1 converted (0 gave no data), 1 skipped, 0 failed") != NULL, "%s", r.out);
    cli_result_free(&r);
    g_free(out);
    g_free(archive);
}

/* ---- 10. messages ------------------------------------------------------------------------------------- */

Test(hardening, messages_say_what_is_wrong_on_one_line)
{
    cli_result r = cli_run(NULL, (const char *[]){"batch", "x", "-o", "y", "--max-memory",
                                                  "99999999999", NULL});
    cr_expect_eq(r.status, 2);
    cr_expect(strstr(r.err, "out of range (1 to 1048576 MB)") != NULL, "%s", r.err);
    cli_result_free(&r);
    /* a newline (and an escape) in a file name stays inside one line */
    char *odd = path_in("two\nlines\033[31m.pdf"), *out = path_in("out");
    touch(odd, "not a pdf");
    r = cli_run(NULL, (const char *[]){"convert", odd, "-o", out, NULL});
    cr_expect_eq(r.status, 1);
    cr_expect_eq(count_lines(r.err), 1, "%s", r.err);
    cr_expect(strstr(r.err, "two\\nlines\\x1b[31m.pdf: not a PDF") != NULL, "%s", r.err);
    cli_result_free(&r);
    /* an empty query */
    char *archive = small_archive();
    r = batch(archive, out, NULL);
    cli_result_free(&r);
    char *db = g_build_filename(out, "agendapack.sqlite", NULL);
    r = cli_run(NULL, (const char *[]){"query", db, "  ", NULL});
    cr_expect_eq(r.status, 1);
    cr_expect(strstr(r.err, "nothing to search for") != NULL, "%s", r.err);
    cli_result_free(&r);
    g_free(db);
    g_free(archive);
    g_free(out);
    g_free(odd);
}

/* ---- 11 and 12. what exports and terminals are handed ------------------------------------------------- */

Test(hardening, csv_cells_that_start_a_formula_are_neutralised)
{
    const char *pairs[] = {"Referrals received (No.)", "=cmd|' /C calc'!A0",
                           "at 380 456 7 regular 1,402", "at 380 456 7 regular -3.5",
                           "Re-referrals in 12 months (%)", "@SUM(A1:A9)", NULL};
    char *archive = path_in("archive"), *out = path_in("out");
    make_dirs(archive);
    g_free(variant("scorecard-pack", archive, "hostile", pairs));
    cli_result r = batch(archive, out, NULL);
    cr_assert_eq(r.status, 0, "%s", r.err);
    cli_result_free(&r);
    char *db = g_build_filename(out, "agendapack.sqlite", NULL);
    r = cli_run(NULL, (const char *[]){"export", db, "--indicators", "--format", "csv", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strstr(r.out, ",'=cmd|' /C calc'!A0,") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, ",'@SUM(A1:A9),") != NULL, "%s", r.out);
    cr_expect(strstr(r.out, ",=") == NULL && strstr(r.out, ",@") == NULL, "%s", r.out);
    /* a true negative number stays a number, in its raw and value cells */
    cr_expect(strstr(r.out, ",-3.5,-3.5,") != NULL, "%s", r.out);
    cli_result_free(&r);
    g_free(db);
    g_free(out);
    g_free(archive);
}

Test(hardening, terminal_escapes_in_pdf_text_never_reach_the_terminal)
{
    /* text from a PDF, as the store holds it, with escape codes in it */
    char *db = small_store();
    cli_result r;
    sqlite3 *sq;
    cr_assert_eq(sqlite3_open(db, &sq), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(sq, "UPDATE search SET title = 'Evil \x1b]0;owned\x07 \x1b[2J title',"
                                  " body = 'minutes \x1b[31m red \xc2\x9b text'",
                              NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(sq);
    r = cli_run(NULL, (const char *[]){"query", db, "minutes", NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strlen(r.out) > 0);
    cr_expect(strchr(r.out, '\x1b') == NULL && strchr(r.out, '\x07') == NULL &&
              strstr(r.out, "\xc2\x9b") == NULL, "raw escape codes printed");
    cr_expect(strstr(r.out, "\\x1b[31m") != NULL, "%s", r.out);
    cli_result_free(&r);
    /* --json escapes them as JSON does */
    r = cli_run(NULL, (const char *[]){"query", "--json", db, "minutes", NULL});
    cr_expect(strchr(r.out, '\x1b') == NULL, "raw escape codes in JSON");
    cli_result_free(&r);
    g_free(db);
    /* a PDF whose text carries them, printed by text */
    static const char spec[] = "page\ntext Harmless \x1b[31mred\x1b[0m \x1b]0;title\x07 end\n";
    char *spec_path = write_file(dir, "escapes.txt", spec, sizeof spec - 1);
    char *pdf = render_fixture(dir, spec_path, NULL);
    r = cli_run(NULL, (const char *[]){"text", pdf, NULL});
    cr_expect_eq(r.status, 0, "%s", r.err);
    cr_expect(strchr(r.out, '\x1b') == NULL && strchr(r.out, '\x07') == NULL,
              "text printed raw escape codes");
    cr_expect(strstr(r.out, "Harmless \\x1b[31mred") != NULL, "%s", r.out);
    cli_result_free(&r);
    g_free(pdf);
    g_free(spec_path);
}
