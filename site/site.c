/*
 * site.c: the static site of a batch, built from its OUTDIR: the store
 * (OUTDIR/agendapack.sqlite) says what there is, and each meeting's page
 * is made from its record (OUTDIR/meetings), which holds everything the
 * page shows (tables and cover sheets are not in the store).
 *
 *   SITEDIR/index.html               councils, committees, meetings, files
 *   SITEDIR/meetings/ID.html         a meeting
 *   SITEDIR/committees/C__C.html     a committee's meetings and charts
 *   SITEDIR/people/index.html        everyone named, and a page each
 *   SITEDIR/search.html              search, over search-index.js
 *   SITEDIR/style.css, search.js     the stylesheet and the search script
 *
 * The site is derived data like the store: rebuilt whole each time, each
 * page written atomically (through a temporary file renamed over it, not
 * synced: one syncfs at the end, as a batch does), and a page an earlier
 * build made that this one does not (a meeting gone from the archive)
 * removed, only *.html files of the site's own folders.
 */
#define _DEFAULT_SOURCE  /* lstat */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "core/error.h"
#include "core/files.h"
#include "core/json_fields.h"
#include "core/json_files.h"
#include "record/record.h"
#include "run/outdir.h"
#include "sinks/store.h"
#include "site/siteInt.h"

static const char *const FOLDERS[] = {"meetings", "committees", "people"};

/* The record at path, parsed; NULL and err ("PATH: reason"). */
static cJSON *read_record(const char *path, ap_error *err)
{
    size_t len = 0;
    char *text = ap_read_regular_file(path, false, &len, err);
    cJSON *m = text ? cJSON_ParseWithLength(text, len) : NULL;
    if (text && !m)
        ap_error_set(err, "not JSON (damaged?)");
    if (!m)
        ap_error_prefix(err, "%s", path);
    g_free(text);
    return m;
}

/* The record of meeting id in OUTDIR/meetings. */
static cJSON *read_meeting(const char *outdir, const char *id, ap_error *err)
{
    char *dir = ap_outdir_meetings(outdir), *name = ap_record_file_name(id);
    char *path = g_build_filename(dir, name, NULL);
    cJSON *m = read_record(path, err);
    g_free(path);
    g_free(name);
    g_free(dir);
    return m;
}

/* Every input file the store knows, by hash, where it is found from here. */
static void known_pdfs(sqlite3 *db, ap_site_pdfs *pdfs)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT sha256, path FROM files", -1, &st, NULL) != SQLITE_OK)
        return;
    while (sqlite3_step(st) == SQLITE_ROW)
        ap_site_pdfs_add(pdfs, (const char *)sqlite3_column_text(st, 0),
                         (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
}

static bool write_asset(const char *sitedir, const char *name, const char *text, ap_error *err)
{
    char *path = g_build_filename(sitedir, name, NULL);
    bool ok = ap_text_file_write_unsynced(path, text, err);
    g_free(path);
    return ok;
}

sqlite3_stmt *ap_site_query(ap_site_build *b, const char *sql)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK) {
        ap_error_set(b->err, "%s", ap_store_damage(b->db, sqlite3_errcode(b->db)));
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

char *ap_site_page_path(ap_site_build *b, const char *folder, const char *file)
{
    char *path = folder ? g_build_filename(b->sitedir, folder, file, NULL)
                        : g_build_filename(b->sitedir, file, NULL);
    g_hash_table_add(b->written, g_strdup(path));
    b->sum->pages++;
    return path;
}

bool ap_site_save(ap_site_build *b, ap_html *h, const char *folder, const char *file, bool ok)
{
    if (ok) {
        char *path = ap_site_page_path(b, folder, file);
        ok = ap_html_save(h, path, b->err);
        g_free(path);
    }
    ap_html_free(h);
    return ok;
}

static bool meeting_pages(ap_site_build *b)
{
    sqlite3_stmt *st = ap_site_query(b, "SELECT id FROM meetings ORDER BY id");
    if (!st)
        return false;
    bool ok = true;
    while (ok && sqlite3_step(st) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(st, 0);
        ap_error why = {{0}};
        cJSON *m = read_meeting(b->outdir, id, &why);
        if (!m) {
            b->sum->unread++;   /* the index says so; the other pages are made */
            continue;
        }
        char *file = ap_site_meeting_file(id);
        char *path = ap_site_page_path(b, "meetings", file);
        ok = ap_site_meeting_page(m, &b->pdfs, "../", path, b->err);
        b->sum->meetings++;
        g_free(path);
        g_free(file);
        cJSON_Delete(m);
    }
    sqlite3_finalize(st);
    return ok;
}

/* The *.html files of the site's folders that this build did not write. */
static void remove_stale(const char *sitedir, GHashTable *written)
{
    for (size_t f = 0; f < G_N_ELEMENTS(FOLDERS); f++) {
        char *dir = g_build_filename(sitedir, FOLDERS[f], NULL);
        GDir *d = g_dir_open(dir, 0, NULL);
        for (const char *name; d && (name = g_dir_read_name(d));) {
            char *path = g_build_filename(dir, name, NULL);
            GStatBuf st;
            if (g_str_has_suffix(name, ".html") && !g_hash_table_contains(written, path) &&
                g_lstat(path, &st) == 0 && S_ISREG(st.st_mode))
                g_unlink(path);
            g_free(path);
        }
        if (d)
            g_dir_close(d);
        g_free(dir);
    }
}

/* The site's folder and its own folders, real folders (never a link). */
static bool prepare(const char *sitedir, ap_error *err)
{
    if (!ap_real_dir(sitedir, err))
        return false;
    for (size_t f = 0; f < G_N_ELEMENTS(FOLDERS); f++) {
        char *dir = g_build_filename(sitedir, FOLDERS[f], NULL);
        bool ok = ap_real_dir(dir, err);
        g_free(dir);
        if (!ok)
            return false;
    }
    return true;
}

static char *site_dir(const char *outdir, const char *sitedir)
{
    char *dir = sitedir ? g_strdup(sitedir) : g_build_filename(outdir, "site", NULL);
    char *abs = g_canonicalize_filename(dir, NULL);
    g_free(dir);
    return abs;
}

static sqlite3 *open_store(const char *outdir, ap_error *err)
{
    char *path = ap_outdir_store(outdir);
    sqlite3 *db = ap_store_open_read(path, err);
    if (!db)
        ap_error_prefix(err, "%s", path);
    g_free(path);
    return db;
}

bool ap_site_write(const char *outdir, const char *sitedir, ap_site_summary *sum, ap_error *err)
{
    ap_site_summary none;
    sum = sum ? sum : &none;
    memset(sum, 0, sizeof *sum);
    sqlite3 *db = open_store(outdir, err);
    if (!db)
        return false;
    char *dir = site_dir(outdir, sitedir);
    ap_site_build b = {.db = db, .outdir = outdir, .sitedir = dir, .sum = sum, .err = err};
    ap_site_pdfs_init(&b.pdfs);
    known_pdfs(db, &b.pdfs);
    b.written = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    bool ok = prepare(dir, err) && write_asset(dir, "style.css", ap_site_style_css, err) &&
              write_asset(dir, "search.js", ap_site_search_js, err) && meeting_pages(&b) &&
              ap_site_lists(&b) && ap_site_people_pages(&b) && ap_site_search(&b);
    if (ok)
        remove_stale(dir, b.written);
    ap_sync_filesystem(dir);
    g_hash_table_destroy(b.written);
    ap_site_pdfs_clear(&b.pdfs);
    g_free(dir);
    sqlite3_close(db);
    return ok;
}

char *ap_site_write_meeting(const char *outdir, const char *meeting_id, const char *dir,
                            ap_error *err)
{
    sqlite3 *db = open_store(outdir, err);
    if (!db)
        return NULL;
    ap_site_pdfs pdfs;
    ap_site_pdfs_init(&pdfs);
    known_pdfs(db, &pdfs);
    sqlite3_close(db);
    char *folder = site_dir(outdir, dir), *path = NULL;
    cJSON *m = read_meeting(outdir, meeting_id, err);
    if (m && ap_real_dir(folder, err)) {
        char *file = ap_site_meeting_file(meeting_id);
        path = g_build_filename(folder, file, NULL);
        g_free(file);
        if (!ap_site_meeting_page(m, &pdfs, NULL, path, err))
            g_clear_pointer(&path, g_free);
        ap_sync_filesystem(folder);
    } else if (!m && err) {
        /* the id the user gave is what to say, not the file it maps to */
        ap_error_set(err, "no meeting '%s' in %s", meeting_id, outdir);
    }
    cJSON_Delete(m);
    ap_site_pdfs_clear(&pdfs);
    g_free(folder);
    return path;
}

char *ap_site_write_record(const char *record_path, char *const *pdfs, size_t npdfs,
                           ap_error *err)
{
    cJSON *m = read_record(record_path, err);
    if (!m)
        return NULL;
    ap_site_pdfs known;
    ap_site_pdfs_init(&known);
    for (size_t i = 0; i < npdfs; i++)
        ap_site_pdfs_add(&known, NULL, pdfs[i]);
    char *base = g_str_has_suffix(record_path, ".json")
                     ? g_strndup(record_path, strlen(record_path) - 5) : g_strdup(record_path);
    char *path = g_strconcat(base, ".html", NULL);
    g_free(base);
    if (!ap_site_meeting_page(m, &known, NULL, path, err))
        g_clear_pointer(&path, g_free);
    char *folder = g_path_get_dirname(record_path);
    ap_sync_filesystem(folder);
    g_free(folder);
    ap_site_pdfs_clear(&known);
    cJSON_Delete(m);
    return path;
}
