/*
 * normalise.h: the one place that turns printed dates, times and names
 * into the contract's forms. Every extractor goes through it, so "Monday,
 * 16th July, 2018", "25 th July 2023" and "30.06.2022" mean the same thing
 * wherever they are read.
 */
#ifndef AP_NORMALISE_H
#define AP_NORMALISE_H

#include <stdbool.h>
#include <stddef.h>

#include "agendapack.h"

/* A date found in running text. */
typedef struct ap_date_match {
    size_t start, end;      /* bytes into the text searched */
    char iso[11];           /* YYYY-MM-DD */
    bool weekday;           /* printed with its day of the week */
    bool numeric;           /* printed as digits only (30.06.2022) */
} ap_date_match;

typedef struct ap_time_match {
    size_t start, end;
    char hhmm[6];           /* HH:MM, 24-hour */
} ap_time_match;

/* The first valid date in text at or after byte from. Numeric forms
 * (dd.mm.yyyy, dd/mm/yyyy, yyyy-mm-dd) count only when allow_numeric:
 * in prose they are as often references as dates. */
bool ap_find_date(const char *text, size_t from, bool allow_numeric,
                  ap_date_match *m);
/* text is one date and nothing else but punctuation around it. */
bool ap_parse_date(const char *text, char iso[11], ap_error *err);

/* The first time in text at or after from: "6.00 pm", "6.30 p.m.",
 * "12 noon", and when allow_24h also "19.30" and "14:00". */
bool ap_find_time(const char *text, size_t from, bool allow_24h,
                  ap_time_match *m);
/* text is one time (24-hour forms allowed). */
bool ap_parse_time(const char *text, char hhmm[6], ap_error *err);

/* The venue a sentence gives around a date found in it: "held in the X
 * on <date>", or "<date> [at <time>] in|at X" up to byte limit of text.
 * NULL when it gives none; g_free the result. */
char *ap_venue_near_date(const char *text, const ap_date_match *d,
                         size_t limit);

/* Whether text is a council's printed name: a place, then the kind of
 * council ("TRAFFORD COUNCIL", "Kent County Council", "Tintern Community
 * Council"); "County Council" alone names no council. */
bool ap_is_council_name(const char *text);
/* Whether a body's name is the full council's: only the kind of council
 * ("County Council", "Full Council", "Council", "BOROUGH COUNCIL"). */
bool ap_is_full_council_name(const char *text);
/* A name printed in capitals in the case names are written in ("KENT
 * COUNTY COUNCIL" -> "Kent County Council", "COUNCIL OF THE ISLES OF
 * SCILLY" -> "Council of the Isles of Scilly"); any other the same.
 * g_free it. */
char *ap_name_case(const char *text);

/* Whitespace runs folded to one space, ends trimmed; g_free the result. */
char *ap_collapse_space(const char *text);
/* Lower-case ASCII words joined by '-': "Children's Services Panel" ->
 * "childrens-services-panel". "unknown" for text without letters. */
char *ap_slug(const char *text);

#endif
