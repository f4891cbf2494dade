/*
 * minutes_votes.c: the votes a minute records, each with its counts, the
 * members who cast each option, the motion put and the result.
 *
 * Two forms. Counts inline in a sentence ("14 for, 45 against and 4
 * abstentions"). And named blocks, as budget and full-council minutes
 * print recorded votes: a heading for each option with its count ("For
 * (39)", "Against (19)", "Abstain (1)"), the members' names under it, then
 * the result on a line of its own ("Amendment lost."); the motion is the
 * one the paragraph before says was put ("the Chairman put the amendment
 * set out in paragraph 17 to the vote"). A "For" block opens a vote; the
 * result, or the next "For", closes it. Where a heading prints no count,
 * the names are counted.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extractors/extractor.h"
#include "extractors/minutesInt.h"

typedef enum option { OPT_FOR, OPT_AGAINST, OPT_ABSTAIN, OPT_N } option;
static const char *const COUNT_KEY[] = {"for", "against", "abstain"};
static const char *const NAMES_KEY[] = {"names_for", "names_against", "names_abstain"};

/* A vote being read. */
typedef struct vote {
    int count[OPT_N];       /* -1: not printed */
    GString *printed[OPT_N];    /* each block's names as printed, rows joined */
    char *motion, *result;
} vote;

/* How far above the first block the paragraph putting the motion lies. */
#define MOTION_ROWS 6

static option option_of(const char *word)
{
    if (g_ascii_strncasecmp(word, "against", 7) == 0)
        return OPT_AGAINST;
    if (g_ascii_strncasecmp(word, "abst", 4) == 0)
        return OPT_ABSTAIN;
    return OPT_FOR;
}

/* Names as printed, one each: "Mr Baker, Mrs Bell and Ms Wright". */
static void add_names(GPtrArray *to, const char *text)
{
    char *flat = ap_collapse_space(text);
    char **parts = g_strsplit_set(flat, ",;", -1);
    for (char **p = parts; *p; p++) {
        char **ands = g_strsplit(*p, " and ", -1);
        for (char **a = ands; *a; a++) {
            char *name = g_strstrip(*a);
            size_t n = strlen(name);
            while (n && (name[n - 1] == '.' || name[n - 1] == ' '))
                name[--n] = '\0';
            if (*name)
                g_ptr_array_add(to, g_strdup(name));
        }
        g_strfreev(ands);
    }
    g_strfreev(parts);
    g_free(flat);
}

static vote *vote_new(const body_row *rows, size_t at)
{
    vote *v = g_new0(vote, 1);
    for (int o = 0; o < OPT_N; o++) {
        v->count[o] = -1;
        v->printed[o] = g_string_new(NULL);
    }
    /* the motion put, from the paragraph just above */
    GString *above = g_string_new(NULL);
    for (size_t k = at > MOTION_ROWS ? at - MOTION_ROWS : 0; k < at; k++)
        g_string_append_printf(above, "%s ", rows[k].text);
    char *flat = ap_collapse_space(above->str);
    ap_match mt;
    const pcre2_code *motion = ap_minutes_rules()->vote_motion;
    for (size_t from = 0; ap_re_search(motion, flat, from, &mt); from = mt.end[0]) {
        g_free(v->motion);
        v->motion = ap_match_dup(&mt, flat, 1);
    }
    g_free(flat);
    g_string_free(above, TRUE);
    return v;
}

static cJSON *vote_json(const vote *v)
{
    GPtrArray *names[OPT_N];
    for (int k = 0; k < OPT_N; k++) {
        names[k] = g_ptr_array_new_with_free_func(g_free);
        add_names(names[k], v->printed[k]->str);
    }
    cJSON *o = cJSON_CreateObject();
    for (int k = 0; k < OPT_N; k++) {
        int n = v->count[k] >= 0 ? v->count[k] : (int)names[k]->len;
        if (v->count[k] < 0 && !names[k]->len && k == OPT_ABSTAIN)
            cJSON_AddNullToObject(o, COUNT_KEY[k]);
        else
            cJSON_AddNumberToObject(o, COUNT_KEY[k], n);
    }
    for (int k = 0; k < OPT_N; k++) {
        cJSON *list = cJSON_AddArrayToObject(o, NAMES_KEY[k]);
        for (guint i = 0; i < names[k]->len; i++)
            cJSON_AddItemToArray(list, cJSON_CreateString(names[k]->pdata[i]));
        g_ptr_array_free(names[k], TRUE);
    }
    ap_json_set_text(o, "motion", v->motion);
    ap_json_set_text(o, "result", v->result);
    return o;
}

/* The vote being read, if any, read into list and ended. */
static void vote_close(cJSON *list, vote **v)
{
    if (!*v)
        return;
    cJSON_AddItemToArray(list, vote_json(*v));
    for (int k = 0; k < OPT_N; k++)
        g_string_free((*v)->printed[k], TRUE);
    g_free((*v)->motion);
    g_free((*v)->result);
    g_free(*v);
    *v = NULL;
}

/* "carried" or "lost" from the word a result line uses. */
static const char *result_of(const char *word)
{
    static const char *const lost[] = {"lost", "defeated", "fell", "rejected", "not", NULL};
    for (int i = 0; lost[i]; i++)
        if (g_ascii_strncasecmp(word, lost[i], strlen(lost[i])) == 0)
            return "lost";
    return "carried";
}

/* Whether row heads a block; *opt, *count (-1 for none), *names (the
 * text after a colon, or ""). A sentence starting "For the ..." is none:
 * a heading prints a count, a colon, or nothing after the option. */
static bool block_heading(const char *text, option *opt, int *count, const char **names)
{
    ap_match mt;
    if (!ap_re_search(ap_minutes_rules()->vote_block, text, 0, &mt))
        return false;
    *opt = option_of(text + mt.start[1]);
    *count = -1;
    for (int g = 2; g <= 4; g++)
        if (ap_match_set(&mt, g))
            *count = atoi(text + mt.start[g]);
    *names = ap_match_set(&mt, 5) ? text + mt.start[5] : "";
    return true;
}

static cJSON *named_votes(const body_row *rows, size_t n)
{
    const minutes_rules *r = ap_minutes_rules();
    cJSON *list = cJSON_CreateArray();
    vote *v = NULL;
    option in = OPT_FOR;    /* the block whose names are being read */
    for (size_t i = 0; i < n; i++) {
        const char *text = rows[i].text;
        option opt;
        int count;
        const char *names;
        ap_match mt;
        if (block_heading(text, &opt, &count, &names)) {
            if (v && opt == OPT_FOR && (v->count[OPT_FOR] >= 0 || v->printed[OPT_FOR]->len))
                vote_close(list, &v);
            if (!v)
                v = vote_new(rows, i);
            v->count[opt] = count;
            in = opt;
            ap_minutes_join_line(v->printed[opt], names);
        } else if (v && ap_re_search(r->vote_result, text, 0, &mt)) {
            v->result = g_strdup(result_of(text + mt.start[1]));
            vote_close(list, &v);
        } else if (v && !ap_re_search(r->paragraph_number, text, 0, NULL)) {
            ap_minutes_join_line(v->printed[in], text);
        } else {
            vote_close(list, &v);
        }
    }
    vote_close(list, &v);
    return list;
}

static cJSON *inline_vote(const char *text)
{
    ap_match mt;
    if (!ap_re_search(ap_minutes_rules()->votes, text, 0, &mt))
        return NULL;
    cJSON *v = cJSON_CreateObject();
    cJSON_AddNumberToObject(v, "for", atoi(text + mt.start[1]));
    cJSON_AddNumberToObject(v, "against", atoi(text + mt.start[2]));
    if (ap_match_set(&mt, 3))
        cJSON_AddNumberToObject(v, "abstain", atoi(text + mt.start[3]));
    else
        cJSON_AddNullToObject(v, "abstain");
    return v;
}

cJSON *ap_minutes_votes(const body_row *rows, size_t n)
{
    cJSON *list = named_votes(rows, n);
    if (!cJSON_GetArraySize(list)) {
        GString *all = g_string_new(NULL);
        for (size_t i = 0; i < n; i++)
            g_string_append_printf(all, "%s ", rows[i].text);
        cJSON *v = inline_vote(all->str);
        if (v)
            cJSON_AddItemToArray(list, v);
        g_string_free(all, TRUE);
    }
    if (!cJSON_GetArraySize(list)) {
        cJSON_Delete(list);
        return NULL;
    }
    return list;
}
