/*
 * contact.c: the contact officer the frontsheet names, as "contact":
 * {name, phone, email}, or null.
 *
 * The name follows a label ("Contact:", "Contact Officer", "Ask for:") on
 * the same row or the row below; without a label, an address of the form
 * first.last@ names the person when the same two words are printed on the
 * frontsheet ("... or from Jo Example, Scrutiny Officer").
 */
#include <string.h>

#include <glib.h>

#include "extractors/extractor.h"
#include "core/regex.h"

typedef struct contact_rules {
    pcre2_code *label, *person, *phone, *email;
} contact_rules;

static const contact_rules *rules(void)
{
    static contact_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        r.label = ap_re_compile(
            "^(?:contact(?:\\s+officer)?|ask\\s+for|enquiries\\s+to)\\s*:?\\s*(.*)$");
        /* a person's name: two to four capitalised words */
        r.person = ap_re_compile_cased("^[A-Z][\\w.'’-]*(?:\\s+[A-Z][\\w.'’-]*){1,3},?$");
        r.phone = ap_re_compile(
            "\\b(?:tel(?:ephone)?|direct\\s+line|phone)\\b\\.?\\s*:?\\s*"
            "(\\+?[0-9][0-9 ]{8,}[0-9])");
        r.email = ap_re_compile("\\b[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+\\b");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

/* The frontsheet's rows, one per line; a labelled name on the way. */
static char *frontsheet_text(const ap_pack *pack, char **name)
{
    const contact_rules *r = rules();
    GString *all = g_string_new(NULL);
    for (size_t p = 0; p < pack->front_pages; p++) {
        const ap_rows *rs = ap_pack_rows(pack, p);
        for (size_t i = 0; rs && i < rs->nrows; i++) {
            char *t = ap_row_text(&rs->rows[i], 0);
            ap_match m;
            if (!*name && ap_re_search(r->label, t, 0, &m)) {
                const char *v = t + m.start[1];
                if (!*v && i + 1 < rs->nrows)
                    v = rs->rows[i + 1].cells[0].text;
                if (ap_re_search(r->person, v, 0, NULL))
                    *name = g_strdup(v);
            }
            g_string_append(all, t);
            g_string_append_c(all, '\n');
            g_free(t);
        }
    }
    return g_string_free(all, FALSE);
}

/* "jo.example@..." -> "Jo Example" where the text prints it so. */
static char *name_from_email(const char *email, const char *text)
{
    char *local = g_strndup(email, strcspn(email, "@"));
    char **words = g_strsplit(local, ".", 3);
    char *name = NULL;
    if (g_strv_length(words) == 2 && *words[0] && *words[1]) {
        char *needle = g_ascii_strdown(words[0], -1);
        char *full = g_strconcat(needle, " ", words[1], NULL);
        char *lower_full = g_ascii_strdown(full, -1);
        char *lower_text = g_ascii_strdown(text, -1);
        const char *at = strstr(lower_text, lower_full);
        if (at)
            name = g_strndup(text + (at - lower_text), strlen(lower_full));
        g_free(lower_text);
        g_free(lower_full);
        g_free(full);
        g_free(needle);
    }
    g_strfreev(words);
    g_free(local);
    return name;
}

static void extract_contact(const ap_pack *pack, cJSON *meeting)
{
    const contact_rules *r = rules();
    char *name = NULL;
    char *text = frontsheet_text(pack, &name);
    ap_match m;
    char *email = ap_re_search(r->email, text, 0, &m) ? ap_match_dup(&m, text, 0) : NULL;
    char *phone = ap_re_search(r->phone, text, 0, &m) ? ap_match_dup(&m, text, 1) : NULL;
    if (!name && email)
        name = name_from_email(email, text);
    if (name && name[strlen(name) - 1] == ',')
        name[strlen(name) - 1] = '\0';
    cJSON *c = cJSON_CreateNull();
    if (name || email || phone) {
        cJSON_Delete(c);
        c = cJSON_CreateObject();
        ap_json_set_text(c, "name", name);
        ap_json_set_text(c, "phone", phone);
        ap_json_set_text(c, "email", email);
    }
    cJSON_AddItemToObject(meeting, "contact", c);
    g_free(name);
    g_free(email);
    g_free(phone);
    g_free(text);
}

const ap_extractor ap_extract_contact = {
    .name = "contact",
    .fields = (const char *const[]){"contact", NULL},
    .run = extract_contact,
};
