/* people.c: the people a printed list names (see people.h). */
#include <string.h>

#include <glib.h>

#include "lexicon/normalise.h"
#include "lexicon/people.h"
#include "lexicon/words.h"
#include "core/regex.h"

/* More words than this is a sentence, not a name. */
#define MAX_NAME_WORDS 5

typedef struct people_rules {
    pcre2_code *title_inside, *title, *collective, *post_nominal, *role_only,
        *in_chair, *not_person, *dash, *role_words, *substitute;
} people_rules;

/* A member of another tier of council is titled by it: "County Cllr",
 * "District Councillor". */
#define TIER "(?:County|District|Borough|Parish|Town|City)"
#define TITLE                                                               \
    "(?:(?:" TIER "\\s+)?(?:Councillors?|Cllrs?)|(?:Y\\s+)?Cynghorydd|Cyng|"    \
    "Mrs|Mr|Ms|Miss|Mx|Dr|"                                                 \
    "Prof(?:essor)?|Rev(?:erend)?)\\.?"

static const people_rules *rules(void)
{
    static people_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        /* a title word inside a run starts a new person: "(in the Chair)
         * Councillors C Boles"; not after "County" or another title */
        r.title_inside = ap_re_compile_cased(
            "(?<![,;&])(?<!\\band)(?<!\\ba)(?<!\\bac)(?<!\\bY)(?<!County)(?<!District)(?<!Borough)(?<!Parish)"
            "(?<!Town)(?<!City)(?<!Cllr)(?<!Cllrs)(?<!Councillor)"
            "(?<!Councillors)(?<!\\bMr)(?<!Mrs)(?<!\\bMs)(?<!Miss)(?<!\\bDr)"
            "\\s(?=" TITLE "\\s+[A-Z])");
        r.title = ap_re_compile_cased("^(" TITLE ")\\s+");
        r.collective = ap_re_compile_cased("^(?:Councillors|Cllrs)\\.?$");
        r.post_nominal = ap_re_compile_cased("^(?:OBE|MBE|CBE|KBE|DBE|DL|JP|QC|KC)$");
        r.role_only = ap_re_compile("^(?:chairman|chair|vice[- ]chair(?:man)?)$");
        r.in_chair = ap_re_compile("\\s*\\bin\\s+the\\s+chair$");
        r.not_person = ap_re_compile(
            "^(?:the\\s+)?(?:clerk|officers?|members?\\s+of\\s+the\\s+public|"
            "none|nil|no\\b|n/a|all\\b|present\\b|apologies\\b|absence\\b|"
            "other\\b|directors?\\b|members\\b|staff\\b)");
        r.role_words = ap_re_compile(
            "\\b(?:member|director|manager|officer|chair(?:man)?|head|"
            "representative|executive|leader|clerk|governors?|cabinet|service|"
            "assistant|interim|chief|secretary|treasurer|advis[eo]r|council|"
            "committee|school|ccg|trust|nhs|police|mp)\\b");
        r.dash = ap_re_compile("\\s[–—-]\\s");
        r.substitute = ap_re_compile(AP_SUBSTITUTE);
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

/* "a, b and c" -> parts, split outside parentheses and outside a role
 * after a dash ("J Forster - Director of Education and Skills"). */
static GPtrArray *split_parts(const char *text)
{
    GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new(NULL);
    int depth = 0;
    bool in_role = false;
    for (const char *p = text; *p; p++) {
        /* the joining word's length less one: "and", "&", and Welsh "a"
         * and "ac" before a name or title ("B Evans a Y Cynghorydd C
         * Hughes") */
        size_t and_len = 0;
        if (depth == 0 && !in_role) {
            if (strncmp(p, " and ", 5) == 0)
                and_len = 4;
            else if (strncmp(p, " & ", 3) == 0)
                and_len = 2;
            else if (strncmp(p, " a ", 3) == 0 && g_ascii_isupper(p[3]))
                and_len = 2;
            else if (strncmp(p, " ac ", 4) == 0 && g_ascii_isupper(p[4]))
                and_len = 3;
        }
        bool sep = depth == 0 && (*p == ',' || *p == ';');
        if (sep || and_len) {
            g_ptr_array_add(parts, g_strdup(cur->str));
            g_string_truncate(cur, 0);
            in_role = false;
            p += and_len;
            continue;
        }
        depth += *p == '(' ? 1 : *p == ')' && depth > 0 ? -1 : 0;
        if (depth == 0 && (p[0] == ' ' && (p[1] == '-' || !strncmp(p + 1, "–", 3) ||
                                           !strncmp(p + 1, "—", 3))))
            in_role = true;
        g_string_append_c(cur, *p);
    }
    g_ptr_array_add(parts, g_string_free(cur, FALSE));
    return parts;
}

/* Spaces before a title word inside a run become commas; not inside
 * parentheses, where the title is of someone the role names ("(substitute
 * for Councillor F Gray)"). */
static char *mark_title_breaks(const char *text)
{
    GString *out = g_string_new(NULL);
    ap_match m;
    size_t from = 0, at = 0;
    int depth = 0;
    while (ap_re_search(rules()->title_inside, text, at, &m)) {
        for (const char *p = text + at; p < text + m.start[0]; p++)
            depth += *p == '(' ? 1 : *p == ')' && depth > 0 ? -1 : 0;
        at = m.end[0];
        if (depth)
            continue;
        g_string_append_len(out, text + from, (gssize)(m.start[0] - from));
        g_string_append(out, ", ");
        from = m.end[0];
    }
    g_string_append(out, text + from);
    return g_string_free(out, FALSE);
}

static char *strip(const char *s)
{
    char *t = g_strdup(s);
    g_strstrip(t);
    size_t n = strlen(t);
    while (n && strchr(",.;:", t[n - 1]))
        t[--n] = '\0';
    g_strstrip(t);
    return t;
}

static char *title_of(const char *printed)
{
    static const char *const tiers[] = {"County", "District", "Borough", "Parish", "Town",
                                        "City"};
    for (size_t i = 0; i < G_N_ELEMENTS(tiers); i++)
        if (g_str_has_prefix(printed, tiers[i]))
            return g_strdup_printf("%s Councillor", tiers[i]);
    if (g_str_has_prefix(printed, "Cllr") || g_str_has_prefix(printed, "Councillor") ||
        g_str_has_prefix(printed, "Y Cynghorydd") || g_str_has_prefix(printed, "Cyng"))
        return g_strdup("Councillor");
    char *t = g_strdup(printed);
    size_t n = strlen(t);
    if (n && t[n - 1] == '.')
        t[n - 1] = '\0';
    return t;
}

/* Takes the roles out of part: parentheses, "in the chair", a dash. */
static char *take_role(char *part)
{
    const people_rules *r = rules();
    char *role = NULL;
    GString *rest = g_string_new(NULL);
    for (char *p = part; *p; p++) {
        char *close;
        if (*p == '(' && (close = strchr(p, ')'))) {
            if (!role) {
                char *inside = g_strndup(p + 1, (gsize)(close - p - 1));
                role = strip(inside);
                g_free(inside);
            }
            p = close;
            continue;
        }
        g_string_append_c(rest, *p);
    }
    ap_match m;
    if (ap_re_search(r->dash, rest->str, 0, &m)) {
        if (!role)
            role = strip(rest->str + m.end[0]);
        g_string_truncate(rest, m.start[0]);
    }
    if (ap_re_search(r->in_chair, rest->str, 0, &m)) {
        if (!role)
            role = g_strdup("in the Chair");
        g_string_truncate(rest, m.start[0]);
    }
    strcpy(part, rest->str);
    g_string_free(rest, TRUE);
    return role;
}

static bool is_name(const char *name)
{
    if (!*name || !g_unichar_isupper(g_utf8_get_char(name)) ||
        ap_re_search(rules()->not_person, name, 0, NULL))
        return false;
    int words = 1;
    for (const char *p = name; *p; p++) {
        if (g_ascii_isdigit(*p))
            return false;
        words += *p == ' ';
    }
    return words <= MAX_NAME_WORDS;
}

ap_person *ap_people_parse(const char *text, size_t *npeople)
{
    const people_rules *r = rules();
    char *flat = ap_collapse_space(text);
    char *marked = mark_title_breaks(flat);
    GPtrArray *parts = split_parts(marked);
    GArray *out = g_array_new(FALSE, FALSE, sizeof(ap_person));
    char *collective = NULL, *pending_role = NULL;
    for (guint i = 0; i < parts->len; i++) {
        char *part = strip(parts->pdata[i]);
        ap_match m;
        if (ap_re_search(r->post_nominal, part, 0, NULL) && out->len) {
            ap_person *last = &g_array_index(out, ap_person, out->len - 1);
            char *joined = g_strconcat(last->name, ", ", part, NULL);
            g_free(last->name);
            last->name = joined;
        } else if (ap_re_search(r->role_only, part, 0, NULL) ||
                   ap_re_search(r->collective, part, 0, NULL)) {
            /* "Chairman Cllr Mrs Shewell": a role before the name */
            char **slot = ap_re_search(r->collective, part, 0, NULL) ? &collective
                                                                     : &pending_role;
            g_free(*slot);
            *slot = g_strdup(part);
        } else {
            char *title = NULL;
            char *name = part;
            /* "Chairman Cllr ...", then up to two titles: "Cllr Mrs" */
            char **words = g_strsplit(name, " ", 2);
            if (words[0] && words[1] && ap_re_search(r->role_only, words[0], 0, NULL)) {
                g_free(pending_role);
                pending_role = g_strdup(words[0]);
                name += strlen(words[0]) + 1;
            }
            g_strfreev(words);
            for (int k = 0; k < 2 && ap_re_search(r->title, name, 0, &m); k++) {
                char *printed = ap_match_dup(&m, name, 1);
                if (!title)
                    title = title_of(printed);
                bool plural = g_str_has_suffix(printed, "s") &&
                              (g_str_has_prefix(printed, "Councillor") ||
                               g_str_has_prefix(printed, "Cllr"));
                g_free(collective);
                collective = plural ? g_strdup(printed) : NULL;
                g_free(printed);
                name += m.end[0];
            }
            if (!title && collective)
                title = title_of(collective);
            char *clean = g_strdup(name);
            char *role = take_role(clean);
            char *final = strip(clean);
            /* "Councillor Tariq, Cabinet Member for Children": a part naming
             * a post, not a person, is the role of the one before */
            if (!title && out->len && !role && g_unichar_isupper(g_utf8_get_char(final)) &&
                ap_re_search(r->role_words, final, 0, NULL)) {
                ap_person *last = &g_array_index(out, ap_person, out->len - 1);
                if (!last->role) {
                    last->role = final;
                    final = g_strdup("");
                }
            }
            if (is_name(final)) {
                ap_person pp = {final, title, role ? role : pending_role, false};
                pp.substitute = pp.role && ap_re_search(r->substitute, pp.role, 0, NULL);
                if (role)
                    g_free(pending_role);
                pending_role = NULL;
                g_array_append_val(out, pp);
            } else {
                g_free(final);
                g_free(title);
                g_free(role);
            }
            g_free(clean);
        }
        g_free(part);
    }
    g_free(collective);
    g_free(pending_role);
    g_ptr_array_free(parts, TRUE);
    g_free(marked);
    g_free(flat);
    *npeople = out->len;
    return (ap_person *)g_array_free(out, FALSE);
}

void ap_people_free(ap_person *people, size_t npeople)
{
    for (size_t i = 0; i < npeople; i++) {
        g_free(people[i].name);
        g_free(people[i].title);
        g_free(people[i].role);
    }
    g_free(people);
}
