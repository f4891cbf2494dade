/*
 * test_tables.c: tables rebuilt from positioned text: columns from aligned
 * cells, wrapped cells and header labels joined (a word broken to fit a
 * narrow column joined tight), section rows kept, running text left out;
 * in three typefaces.
 */
#include <criterion/criterion.h>
#include <glib.h>
#include <string.h>

#include "pages/layout.h"
#include "pages/table.h"
#include "tests/helpers.h"
#include "pages/drawn.h"
#include "parsers/pdf.h"
#include "pages/furniture.h"
#include "core/page_model.h"

static char *dir;
static void setup(void) { dir = scratch_dir(); }
static void teardown(void) { scratch_remove(dir); }
TestSuite(tables, .init = setup, .fini = teardown);

static const char *const fonts[] = {NULL, "Liberation Serif", "Liberation Mono"};

/* The cells of row r in reading order, joined by " | ". */
static char *row_string(const ap_table *t, size_t r)
{
    GString *s = g_string_new(NULL);
    for (size_t c = 0; c < t->rows[r].ncells; c++) {
        if (c)
            g_string_append(s, " | ");
        g_string_append(s, t->rows[r].cells[c].text);
    }
    return g_string_free(s, FALSE);
}

/* Reads the tables of a fixture's page p (0-based), with its drawn rules
 * when ruled; n tables. */
static ap_table **fixture_page_tables(const char *name, const char *font, size_t p, bool ruled,
                                      size_t *nrules, size_t *n)
{
    char *pdf = render_fixture(dir, name, font);
    ap_error err = {{0}};
    ap_doc *doc = ap_doc_open(pdf, &err);
    cr_assert_not_null(doc, "%s", err.message);
    ap_furniture_apply(doc);
    GHashTable *vocab = ap_vocabulary_new(doc);
    cr_assert_lt(p, doc->npages, "%s has no page %zu", name, p + 1);
    ap_rows *rows = ap_rows_build(&doc->pages[p]);
    ap_rulings rulings = {0};
    if (ruled)
        ap_drawn_rulings(&doc->pages[p], &rulings);
    *nrules = rulings.nvertical;
    ap_table **tables = ap_tables_find(rows, vocab, ruled ? &rulings : NULL, n);
    ap_rulings_clear(&rulings);
    ap_rows_free(rows);
    g_hash_table_unref(vocab);
    ap_doc_free(doc);
    g_free(pdf);
    return tables;
}

/* The first page's tables. */
static ap_table **fixture_tables(const char *name, const char *font, bool ruled,
                                 size_t *nrules, size_t *n)
{
    return fixture_page_tables(name, font, 0, ruled, nrules, n);
}

Test(tables, scorecard_with_wrapped_header_and_cells)
{
    static const char *const want[] = {
        "Ref | Measure | Jun-25 | Jul-25 | Target | National Average | Performance | "
        "Direction of Travel",
        "Safeguarding",
        "SG1 | Referrals received in the month | 214 | 225 | 250 | 230 | A | ↑",
        "SG2 | Re-referrals within twelve months of a previous referral (%) | 24% | 22% | "
        "20-24% | 21% | G | ↓",
        "SG3 | Assessments completed in time | 93.7% | 88.5% | >90% | n/a | R | ↔",
    };
    for (int f = 0; f < 3; f++) {
        size_t n, nrules;
        ap_table **tables = fixture_tables("table-scorecard", fonts[f], false, &nrules, &n);
        /* the paragraphs above and below are not tables */
        cr_assert_eq(n, 1, "[%s] %zu tables", fonts[f] ? fonts[f] : "own font", n);
        cr_assert_eq(tables[0]->nrows, 5, "[%s] %zu rows", fonts[f] ? fonts[f] : "own font",
                     tables[0]->nrows);
        for (size_t r = 0; r < 5; r++) {
            char *got = row_string(tables[0], r);
            cr_expect_str_eq(got, want[r], "[%s] row %zu", fonts[f] ? fonts[f] : "own font", r);
            g_free(got);
        }
        cr_expect_str_eq(ap_table_text(tables[0], 2, 6), "A");
        ap_tables_free(tables, n);
    }
}

/* Tables reach the record: the sample pack's frontsheet agenda table. */
Test(tables, the_records_tables_name_page_and_item)
{
    cJSON *r = record_of_status(dir, "sample-pack", NULL, "agenda", NULL);
    cr_assert_not_null(r);
    const cJSON *t = cJSON_GetArrayItem(cJSON_GetObjectItem(r, "tables"), 0);
    cr_assert_not_null(t);
    cr_expect_eq(cJSON_GetObjectItem(t, "pdf_page")->valueint, 1);
    cr_expect(cJSON_IsNull(cJSON_GetObjectItem(t, "item")));
    const cJSON *row = cJSON_GetArrayItem(cJSON_GetObjectItem(t, "rows"), 3);
    cr_assert_not_null(row);
    cr_expect_str_eq(cJSON_GetArrayItem(row, 0)->valuestring, "3.");
    cr_expect_str_eq(cJSON_GetArrayItem(row, 1)->valuestring, "MINUTES");
    cJSON_Delete(r);
}

static const cJSON *field(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

/* A scorecard over a page break: one table, marked continued, and an
 * indicator per row, the carried-over rows under the first page's header. */
Test(tables, a_scorecard_across_a_page_break_gives_indicators)
{
    for (int f = 0; f < 3; f++) {
        const char *font = fonts[f] ? fonts[f] : "own font";
        cJSON *r = record_of_status(dir, "scorecard-pack", fonts[f], "agenda", NULL);
        cr_assert_not_null(r, "[%s]", font);
        const cJSON *t = cJSON_GetArrayItem(field(r, "tables"), 1);
        cr_assert_not_null(t, "[%s]", font);
        cr_expect(cJSON_IsTrue(field(t, "continued")), "[%s]", font);
        cr_expect_eq(cJSON_GetArraySize(field(t, "rows")), 6, "[%s]", font);
        /* each row's evidence: the page it is on (the table runs over two)
         * and a box round its cells */
        const cJSON *ev = field(t, "evidence");
        cr_assert_eq(cJSON_GetArraySize(ev), 6, "[%s]", font);
        int first = field(cJSON_GetArrayItem(ev, 0), "pdf_page")->valueint,
            last = field(cJSON_GetArrayItem(ev, 5), "pdf_page")->valueint;
        cr_expect_eq(last, first + 1, "[%s] rows on pages %d and %d", font, first, last);
        cr_expect_eq(cJSON_GetArraySize(field(cJSON_GetArrayItem(ev, 5), "bbox")), 4, "[%s]", font);
        cr_expect_str_eq(field(t, "item")->valuestring, "5");
        const cJSON *inds = field(r, "indicators");
        cr_assert_eq(cJSON_GetArraySize(inds), 5, "[%s] %d indicators", font,
                     cJSON_GetArraySize(inds));
        static const struct {
            const char *ref, *oct, *target, *op, *rag, *dir, *unit;
            double value;
        } want[] = {
            {"MV1", "1,402", "1,300", "=", "amber", "up", "count", 1402},
            {"MV2", "22%", "20-24%", "range", "green", "down", "%", 22},
            {"MV3", "88.5%", ">90%", ">", "red", "flat", "%", 88.5},
            {"MV4", "97%", "95%", "=", "green", "up", "%", 97},
            {"MV5", "410", "<450", "<", "green", "down", "rate", 410},
        };
        for (int i = 0; i < 5; i++) {
            const cJSON *ind = cJSON_GetArrayItem(inds, i);
            cr_expect_str_eq(field(ind, "ref")->valuestring, want[i].ref, "[%s]", font);
            const cJSON *oct = cJSON_GetArrayItem(field(ind, "values"), 1);
            cr_expect_str_eq(field(oct, "label")->valuestring, "Oct-25");
            cr_expect_str_eq(field(oct, "period")->valuestring, "2025-10");
            cr_expect_str_eq(field(oct, "raw")->valuestring, want[i].oct, "[%s] %s", font, want[i].ref);
            cr_expect_eq(field(oct, "value")->valuedouble, want[i].value, "%s", want[i].ref);
            cr_expect_str_eq(field(oct, "unit")->valuestring, want[i].unit, "%s", want[i].ref);
            const cJSON *target = field(ind, "target");
            cr_expect_str_eq(field(target, "raw")->valuestring, want[i].target, "%s", want[i].ref);
            cr_expect_str_eq(field(target, "op")->valuestring, want[i].op, "%s", want[i].ref);
            cr_expect_str_eq(field(ind, "rag")->valuestring, want[i].rag, "%s", want[i].ref);
            cr_expect_str_eq(field(ind, "direction")->valuestring, want[i].dir, "%s", want[i].ref);
            cr_expect_str_eq(field(ind, "item")->valuestring, "5");
        }
        cJSON_Delete(r);
    }
}

Test(tables, a_ruled_grid_decides_rows_and_columns)
{
    static const char *const want[] = {
        "Outcome | Action | Lead | Progress",
        "Faster plans | Implement the multi-agency assessment plan | Head of Service | "
        "In progress",
        "Review the panel process | Panel Chair | Completed",
        "Better advice | Publish the local offer | Service Manager | Not started",
    };
    for (int f = 0; f < 3; f++) {
        const char *font = fonts[f] ? fonts[f] : "own font";
        size_t n, nrules;
        ap_table **tables = fixture_tables("table-ruled", fonts[f], true, &nrules, &n);
        /* the page's five column rules, found in its pixels */
        cr_expect_eq(nrules, 5, "[%s] %zu vertical rules", font, nrules);
        cr_assert_eq(n, 1, "[%s] %zu tables", font, n);
        cr_assert_eq(tables[0]->nrows, 4, "[%s] %zu rows", font, tables[0]->nrows);
        cr_expect_eq(tables[0]->ncols, 4);
        for (size_t r = 0; r < 4; r++) {
            char *got = row_string(tables[0], r);
            cr_expect_str_eq(got, want[r], "[%s] row %zu: %s", font, r, got);
            g_free(got);
        }
        /* the merged cell leaves the second row's first column empty */
        cr_expect_str_eq(ap_table_text(tables[0], 2, 0), "");
        cr_expect_str_eq(ap_table_text(tables[0], 2, 1), "Review the panel process");
        ap_tables_free(tables, n);
    }
}

/* The same page read from its text alone splits the widely set cell into
 * rows: what the drawn rules are read for. */
Test(tables, the_same_table_unruled_is_read_worse)
{
    size_t n, nrules;
    ap_table **tables = fixture_tables("table-ruled", NULL, false, &nrules, &n);
    cr_assert_eq(nrules, 0);
    bool whole = false;
    for (size_t i = 0; i < n; i++)
        for (size_t r = 0; r < tables[i]->nrows; r++)
            whole |= !strcmp(ap_table_text(tables[i], r, 1),
                             "Implement the multi-agency assessment plan");
    cr_expect_not(whole, "the text alone joined the cell: the fixture no longer tests rules");
    ap_tables_free(tables, n);
}

/* Lists set with a hanging indent (numbered two levels deep, bullets set
 * in under a paragraph), justified prose and a lone line of two cells line
 * up in columns but are not tables. */
Test(tables, lists_and_a_lone_line_are_not_tables)
{
    for (int f = 0; f < 3; f++)
        for (size_t p = 0; p < 2; p++) {
            size_t n, nrules;
            ap_table **tables =
                fixture_page_tables("not-tables", fonts[f], p, false, &nrules, &n);
            cr_expect_eq(n, 0, "[%s] page %zu: %zu tables, the first of %zu rows",
                         fonts[f] ? fonts[f] : "own font", p + 1, n, n ? tables[0]->nrows : 0);
            ap_tables_free(tables, n);
        }
}

/* A county report's quarterly scorecard in a ruled grid: the RAG rating
 * printed in words in one row and shown by the cell's colour only in the
 * others, the direction of travel drawn as arrow shapes with no text. */
Test(tables, rag_from_words_and_colour_direction_from_drawn_arrows)
{
    static const struct {
        const char *ref, *rag, *direction;
    } want[] = {
        {"CS1", "green", "up"},     /* "GREEN" printed */
        {"CS2", "red", "down"},     /* the rest by colour */
        {"CS3", "amber", "flat"},   /* an arrow pointing across */
        {"CS4", "green", "up"},     /* a black arrow on a green cell */
    };
    for (int f = 0; f < 3; f++) {
        const char *font = fonts[f] ? fonts[f] : "own font";
        cJSON *r = record_of_status(dir, "scorecard-county", fonts[f], "agenda", NULL);
        cr_assert_not_null(r, "[%s]", font);
        const cJSON *inds = field(r, "indicators");
        cr_assert_eq(cJSON_GetArraySize(inds), 4, "[%s] %d indicators", font,
                     cJSON_GetArraySize(inds));
        for (int i = 0; i < 4; i++) {
            const cJSON *ind = cJSON_GetArrayItem(inds, i);
            cr_expect_str_eq(field(ind, "ref")->valuestring, want[i].ref, "[%s]", font);
            const char *rag = cJSON_GetStringValue(field(ind, "rag"));
            const char *direction = cJSON_GetStringValue(field(ind, "direction"));
            cr_expect(rag && !strcmp(rag, want[i].rag), "[%s] %s rag %s", font, want[i].ref,
                      rag ? rag : "null");
            cr_expect(direction && !strcmp(direction, want[i].direction),
                      "[%s] %s direction %s", font, want[i].ref, direction ? direction : "null");
        }
        /* the table keeps what it showed: marks on the empty cells only */
        const cJSON *t = cJSON_GetArrayItem(field(r, "tables"), 1);
        cr_assert_not_null(t);
        const cJSON *m;
        int marks = 0;
        cJSON_ArrayForEach(m, field(t, "marks")) {
            const cJSON *row = cJSON_GetArrayItem(field(t, "rows"), field(m, "row")->valueint);
            cr_expect_str_eq(cJSON_GetArrayItem(row, field(m, "col")->valueint)->valuestring, "");
            marks++;
        }
        cr_expect_eq(marks, 7, "[%s] %d marks", font, marks);  /* 3 fills, 4 arrows */
        /* the agenda on the frontsheet is read without marks */
        cr_expect_null(field(cJSON_GetArrayItem(field(r, "tables"), 0), "marks"));
        cJSON_Delete(r);
    }
}

/* Rules, fills and arrows are read from a page's vectors, so a pack drawn
 * in vectors is never rendered: not item 2's ruled action plans, whose
 * empty "Comments" column is no rating, nor item 3's trackers, whose
 * empty "RAG" column a cell colour may fill, nor the frontsheet's agenda.
 * Every table reads right. */
Test(tables, a_pack_drawn_in_vectors_is_never_rendered)
{
    for (int f = 0; f < 3; f++) {
        const char *font = fonts[f] ? fonts[f] : "own font";
        char *pdf = render_fixture(dir, "ruled-reports", fonts[f]);
        char *out = g_build_filename(dir, "records", NULL);
        ap_error err = {{0}};
        ap_convert_summary sum;
        cr_assert(ap_convert_file(pdf, out, &sum, &err), "[%s] %s", font, err.message);
        cr_expect_eq(sum.rendered, 0, "[%s] %d pages rendered", font, sum.rendered);
        char *text = NULL;
        cr_assert(g_file_get_contents(sum.paths[0], &text, NULL, NULL));
        cJSON *r = cJSON_Parse(text);
        g_free(text);
        const cJSON *t;
        int reports = 0;
        cJSON_ArrayForEach(t, field(r, "tables")) {
            if (field(t, "pdf_page")->valueint == 1)
                continue;
            const cJSON *rows = field(t, "rows");
            cr_expect_eq(cJSON_GetArraySize(rows), 5, "[%s] page %d: %d rows", font,
                         field(t, "pdf_page")->valueint, cJSON_GetArraySize(rows));
            const char *action = cJSON_GetArrayItem(cJSON_GetArrayItem(rows, 1), 0)->valuestring;
            cr_expect(g_str_has_suffix(action, " by the panel"), "[%s] page %d: %s", font,
                      field(t, "pdf_page")->valueint, action);
            reports++;
        }
        cr_expect_eq(reports, 8, "[%s] %d report tables", font, reports);
        cJSON_Delete(r);
        ap_convert_summary_clear(&sum);
        g_free(out);
        g_free(pdf);
    }
}

/* Tables of money are tables, not scorecards: a capital programme by year
 * under "£000s" and rows named by amounts give their rows and no
 * indicator, in three typefaces. */
Test(tables, money_by_year_is_a_table_not_indicators)
{
    for (int f = 0; f < 3; f++) {
        const char *font = fonts[f] ? fonts[f] : "own font";
        cJSON *records = records_for(dir, "money-tables", fonts[f], NULL);
        const cJSON *r = cJSON_GetArrayItem(records, 0);
        cr_assert_not_null(r, "[%s]", font);
        cr_expect_geq(cJSON_GetArraySize(field(r, "tables")), 1, "[%s]", font);
        bool programme = false;
        const cJSON *t, *row;
        cJSON_ArrayForEach(t, field(r, "tables"))
            cJSON_ArrayForEach(row, field(t, "rows"))
                programme |= cJSON_GetArraySize(row) == 5 &&
                             !strcmp(cJSON_GetArrayItem(row, 1)->valuestring,
                                     "Children and Education");
        cr_expect(programme, "[%s] the programme's rows", font);
        cr_expect_eq(cJSON_GetArraySize(field(r, "indicators")), 0, "[%s] %d indicators", font,
                     cJSON_GetArraySize(field(r, "indicators")));
        cJSON_Delete(records);
    }
}

/* Figures and names set right at the type's pitch are rows of one table
 * (cells line up by either edge; a figure under a figure starts a row);
 * a cover's labels and values are no table; a date wrapped in its cell
 * ("March" over "2026") stays in its row. Three typefaces. */
Test(tables, rows_set_right_at_their_pitch_and_no_label_blocks)
{
    for (int f = 0; f < 3; f++) {
        const char *font = fonts[f] ? fonts[f] : "own font";
        size_t nrules, n;
        ap_table **tables = fixture_tables("table-set-right", fonts[f], false, &nrules, &n);
        cr_assert_eq(n, 2, "[%s] %zu tables", font, n);
        const ap_table *t = tables[0];
        cr_expect_eq(t->nrows, 7, "[%s] %zu rows", font, t->nrows);
        char *row = row_string(t, 2);
        cr_expect_str_eq(row, "Adult Case Management & Assessment Services | 40.7 | 42.6 | 1.9",
                         "[%s]", font);
        g_free(row);
        row = row_string(t, 6);
        cr_expect_str_eq(row, "Operations Total | 524.7 | 588.4 | 63.7", "[%s]", font);
        g_free(row);
        const ap_table *plan = tables[1];
        cr_expect_eq(plan->nrows, 3, "[%s] %zu plan rows", font, plan->nrows);
        row = row_string(plan, 1);
        cr_expect_str_eq(row, "Open two new family hubs | Head of Service | March 2026", "[%s]",
                         font);
        g_free(row);
        ap_tables_free(tables, n);
    }
}

/* What an indicator should read: its ref, name, two values with their
 * labels, periods and cells, its target, rating and direction. */
typedef struct want_indicator {
    const char *ref, *name;
    const char *label[2], *period[2], *raw[2];
    const char *target, *rag, *direction, *comparator;
} want_indicator;

static void expect_indicator(const cJSON *ind, const want_indicator *w, const char *font)
{
    cr_expect_str_eq(cJSON_GetStringValue(field(ind, "ref")), w->ref, "[%s]", font);
    cr_expect_str_eq(field(ind, "name")->valuestring, w->name, "[%s] %s", font, w->ref);
    const cJSON *values = field(ind, "values");
    cr_assert_eq(cJSON_GetArraySize(values), 2, "[%s] %s %d values", font, w->ref,
                 cJSON_GetArraySize(values));
    for (int v = 0; v < 2; v++) {
        const cJSON *value = cJSON_GetArrayItem(values, v);
        cr_expect_str_eq(field(value, "label")->valuestring, w->label[v], "[%s] %s", font, w->ref);
        cr_expect_str_eq(cJSON_GetStringValue(field(value, "period")), w->period[v], "[%s] %s",
                         font, w->ref);
        cr_expect_str_eq(field(value, "raw")->valuestring, w->raw[v], "[%s] %s", font, w->ref);
    }
    cr_expect_str_eq(field(field(ind, "target"), "raw")->valuestring, w->target, "[%s] %s", font,
                     w->ref);
    const char *rag = cJSON_GetStringValue(field(ind, "rag"));
    const char *direction = cJSON_GetStringValue(field(ind, "direction"));
    cr_expect(rag && !strcmp(rag, w->rag), "[%s] %s rag %s", font, w->ref, rag ? rag : "null");
    cr_expect(direction && !strcmp(direction, w->direction), "[%s] %s direction %s", font, w->ref,
              direction ? direction : "null");
    const cJSON *floor = cJSON_GetArrayItem(field(ind, "comparators"), 0);
    cr_expect(floor && !strcmp(field(floor, "label")->valuestring, w->comparator),
              "[%s] %s comparator", font, w->ref);
}

/* A KPI summary as quarterly reports print it: "Result" over two periods
 * and "RAG rating" over "Latest | Previous" (cells merged across columns
 * in a ruled grid), names wrapping over two lines with every other cell
 * centred between them, RAG words in coloured cells, the direction of
 * travel drawn as arrows, section rows. Each row is an indicator whose
 * columns have their full names; the rating is the latest one. */
Test(tables, a_kpi_summary_with_a_two_level_header_gives_indicators)
{
    static const want_indicator want[] = {
        {"CS01", "Case-holding social work posts filled by permanent qualified staff (%)",
         {"Result Jun-25", "Result Sep-25"}, {"2025-06", "2025-09"}, {"84.2%", "85.6%"},
         "85%", "green", "up", "Floor"},
        {"CS02", "Care leavers in education or training (%)",
         {"Result Jun-25", "Result Sep-25"}, {"2025-06", "2025-09"}, {"62%", "62%"},
         "65%", "amber", "flat", "Floor"},
        {"CS03", "Children in care with three or more placements in the last twelve months (%)",
         {"Result Jun-25", "Result Sep-25"}, {"2025-06", "2025-09"}, {"9.8%", "10.4%"},
         "10%", "amber", "up", "Floor"},
        {"AS01", "Adults with a review of their care within twelve months (%)",
         {"Result Jun-25", "Result Sep-25"}, {"2025-06", "2025-09"}, {"71%", "74%"},
         "80%", "amber", "up", "Floor"},
        {"AS02", "Safeguarding enquiries with outcomes met (%)",
         {"Result Jun-25", "Result Sep-25"}, {"2025-06", "2025-09"}, {"94%", "92%"},
         "90%", "green", "down", "Floor"},
        {"AS03", "Delayed transfers of care per 100,000 adults",
         {"Result Jun-25", "Result Sep-25"}, {"2025-06", "2025-09"}, {"14.1", "16.3"},
         "12.0", "red", "up", "Floor"},
    };
    for (int f = 0; f < 3; f++) {
        const char *font = fonts[f] ? fonts[f] : "own font";
        cJSON *r = record_of_status(dir, "kpi-summary", fonts[f], "agenda", NULL);
        cr_assert_not_null(r, "[%s]", font);
        const cJSON *inds = field(r, "indicators");
        cr_assert_eq(cJSON_GetArraySize(inds), 6, "[%s] %d indicators", font,
                     cJSON_GetArraySize(inds));
        for (int i = 0; i < 6; i++)
            expect_indicator(cJSON_GetArrayItem(inds, i), &want[i], font);
        /* the table keeps its header rows as printed, a merged cell in
         * its first column, a section row whole */
        const cJSON *rows = field(cJSON_GetArrayItem(field(r, "tables"), 1), "rows");
        const cJSON *head = cJSON_GetArrayItem(rows, 0), *section = cJSON_GetArrayItem(rows, 2);
        cr_expect_str_eq(cJSON_GetArrayItem(head, 6)->valuestring, "RAG rating", "[%s]", font);
        cr_expect_str_eq(cJSON_GetArrayItem(head, 7)->valuestring, "", "[%s]", font);
        cr_expect_str_eq(cJSON_GetArrayItem(section, 0)->valuestring,
                         "Children, young people and education", "[%s]", font);
        cJSON_Delete(r);
    }
}

/* KPI detail blocks: one measure a section, its heading naming it, its
 * results, target, floor standard, RAG rating and direction of travel (an
 * arrow drawn where the value would be) printed as labels and values
 * beside a bar chart whose axis labels are text. Each gives an indicator;
 * neither the blocks nor the chart's axis is a table. */
Test(tables, kpi_detail_blocks_give_indicators_and_no_tables)
{
    static const want_indicator want[] = {
        {"CS01", "Case-holding social work posts filled by permanent staff (%)",
         {"Latest (Sep-25)", "Previous (Jun-25)"}, {"2025-09", "2025-06"}, {"85.6%", "84.2%"},
         "85%", "green", "up", "Floor standard"},
        {"CS02", "Care leavers in education, employment or training (%)",
         {"Latest (Sep-25)", "Previous (Jun-25)"}, {"2025-09", "2025-06"}, {"62%", "62%"},
         "65%", "amber", "flat", "Floor standard"},
        {"AS03", "Delayed transfers of care per 100,000 adults",
         {"Latest (Sep-25)", "Previous (Jun-25)"}, {"2025-09", "2025-06"}, {"16.3", "14.1"},
         "12.0", "red", "up", "Floor standard"},
    };
    for (int f = 0; f < 3; f++) {
        const char *font = fonts[f] ? fonts[f] : "own font";
        cJSON *r = record_of_status(dir, "kpi-detail", fonts[f], "agenda", NULL);
        cr_assert_not_null(r, "[%s]", font);
        const cJSON *inds = field(r, "indicators");
        cr_assert_eq(cJSON_GetArraySize(inds), 3, "[%s] %d indicators", font,
                     cJSON_GetArraySize(inds));
        for (int i = 0; i < 3; i++)
            expect_indicator(cJSON_GetArrayItem(inds, i), &want[i], font);
        /* the frontsheet's agenda is the one table */
        cr_expect_eq(cJSON_GetArraySize(field(r, "tables")), 1, "[%s] %d tables", font,
                     cJSON_GetArraySize(field(r, "tables")));
        cJSON_Delete(r);
    }
}

/* The row of t whose first cell is first, or NULL. */
static const cJSON *row_starting(const cJSON *record, const char *first)
{
    const cJSON *t, *row;
    cJSON_ArrayForEach(t, field(record, "tables"))
        cJSON_ArrayForEach(row, field(t, "rows"))
            if (!strcmp(cJSON_GetArrayItem(row, 0)->valuestring, first))
                return row;
    return NULL;
}

/* A cell's sentence carried on (lower case, under the cell) stays in its
 * row: wrapped at a wider pitch than the rows are set at, and carried over
 * the page break atop the next page, alone in its column. A rating column
 * too narrow for its heading stacks it a letter a line: "RAG". */
Test(tables, sentences_carried_on_stay_in_their_row)
{
    for (int f = 0; f < 3; f++) {
        const char *font = fonts[f] ? fonts[f] : "own font";
        cJSON *records = records_for(dir, "table-carried-on", fonts[f], NULL);
        const cJSON *r = cJSON_GetArrayItem(records, 0);
        cr_assert_not_null(r, "[%s]", font);
        const cJSON *a1 = row_starting(r, "A1"), *a24 = row_starting(r, "A24");
        const cJSON *tracker = row_starting(r, "Measure");
        cr_assert(a1 && a24 && tracker, "[%s] rows A1, A24, Measure", font);
        cr_expect_str_eq(cJSON_GetArrayItem(a1, 1)->valuestring,
                         "Review the short breaks offer with carers", "[%s]", font);
        cr_expect_str_eq(cJSON_GetArrayItem(a24, 3)->valuestring,
                         "Two sessions were held in July and two more are planned for the "
                         "autumn term and spring.", "[%s]", font);
        cr_expect_str_eq(cJSON_GetArrayItem(tracker, 1)->valuestring, "RAG", "[%s]", font);
        cr_expect_null(row_starting(r, ""), "[%s] a row without its ref", font);
        cJSON_Delete(records);
    }
}
