/*
 * minutesInt.h: what the parts of the minutes reader share, and nothing
 * else includes:
 *
 *   minutes.c             where a set's entries are; the record
 *   minutes_meeting.c     the meeting minuted: committee, date, venue, times
 *   minutes_attendance.c  who was there, sent apologies, attended
 *   minutes_entries.c     each entry: its text, resolutions, actions,
 *                         declarations
 *   minutes_votes.c       each entry's recorded votes
 */
#ifndef AP_MINUTES_INT_H
#define AP_MINUTES_INT_H

#include <cjson/cJSON.h>

#include "core/page_model.h"
#include "core/regex.h"
#include "lexicon/normalise.h"
#include "pages/numbered.h"

/* A minute heading is short. */
#define HEADING_WORDS 16
/* A resolution's paragraph ends at a gap this many row heights tall. */
#define PARAGRAPH_GAP_ROWS 0.9

typedef struct minutes_rules {
    pcre2_code *label, *minutes_of, *minutes_of_cy, *body_end, *people_label, *item_ref,
        *apologies_title, *apologies_lead, *none, *started, *ended, *commenced_label,
        *terminated_label, *resolution, *resolved, *subclause, *actions, *bullet, *declaration,
        *declarer, *co_declarer, *also_present, *present_sentence, *interest_kind, *item_no, *votes, *vote_block, *vote_result,
        *vote_motion, *paragraph_number, *trailing_number, *heading_lead, *apologies_reported;
} minutes_rules;

/* The patterns, compiled once. */
const minutes_rules *ap_minutes_rules(void);

/* Where an entry starts, and its number as printed. */
typedef struct entry_anchor {
    ap_pos pos;
    char number[24];
    size_t number_len;      /* bytes of the row's first cell it takes */
} entry_anchor;

typedef struct minutes {
    const ap_doc *doc;
    size_t first_page;      /* doc index of the set's page 0 */
    ap_rowset set;
    ap_numbered *cands;
    size_t ncands;
    size_t *chain, nchain;
    GArray *entries;        /* entry_anchor */
    ap_pos body;            /* the first entry's row, or the end */
    GPtrArray *header;      /* const ap_row *: rows above the first entry */
    GArray *header_pages;   /* size_t: their pages */
    char *header_text;      /* the header rows joined by spaces */
    size_t *header_offsets; /* where each header row starts in it */
} minutes;

/* minutes.c */
size_t ap_minutes_header_row_end(const minutes *m, size_t at, size_t more);
/* next, a wrapped line, appended to s after a space; a name broken at its
 * hyphen ("Crow-" / "Brown") joins whole. */
void ap_minutes_join_line(GString *s, const char *next);
/* A row set as a heading: short, in capitals or bold. */
bool ap_minutes_heading_row(const ap_row *row);
cJSON *ap_minutes_row_evidence(const minutes *m, size_t page, const ap_row *row);

/* minutes_meeting.c: a label's value in the header, or NULL (g_free it) */
char *ap_minutes_label(const minutes *m, const char *want);
char *ap_minutes_committee(const minutes *m, ap_date_match *date, bool have_date,
                           const char *pack_committee);
char *ap_minutes_venue(const minutes *m, const ap_date_match *d, bool have_date);
void ap_minutes_times(const minutes *m, const ap_date_match *d, bool have_date,
                      char start[6], char end[6]);

/* minutes_attendance.c: true when the header lists apologies */
bool ap_minutes_attendance(const minutes *m, cJSON *list);
void ap_minutes_apologies_from_entry(const char *rest, cJSON *list, cJSON *evidence);
/* apologies reported in any minute's text, for those not yet listed */
void ap_minutes_apologies_reported(const char *text, cJSON *list, cJSON *evidence);

/* An entry's body, a printed row at a time. */
typedef struct body_row {
    char *text;
    double y0, y1;
    double x0, x1;          /* where the row starts and ends */
} body_row;

/* minutes_votes.c: the recorded votes among an entry's rows, or NULL */
cJSON *ap_minutes_votes(const body_row *rows, size_t n);

/* minutes_entries.c: the business minuted under a heading of its own
 * above the first numbered minute (an election of chair), as an entry
 * without a number, into list */
void ap_minutes_header_entry(const minutes *m, cJSON *list);
/* minutes_entries.c: the entries into list; apologies into attendance
 * when the header listed none */
void ap_minutes_entries(const minutes *m, cJSON *list, cJSON *attendance,
                        bool apologies_wanted);

#endif
