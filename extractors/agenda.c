/*
 * agenda.c: the agenda items, from the regions and titles the segment stage
 * found (titles split from descriptions by pages/titles.c).
 */
#include <string.h>

#include <glib.h>

#include "extractors/extractor.h"
#include "core/regex.h"

typedef struct agenda_rules {
    pcre2_code *exempt, *exemption;
} agenda_rules;

static const agenda_rules *rules(void)
{
    static agenda_rules r;
    static gsize ready;
    if (g_once_init_enter(&ready)) {
        r.exempt = ap_re_compile("\\bexempt\\b(?!\\s+items)|\\bschedule\\s+12a\\b");
        r.exemption = ap_re_compile(
            "\\bparagraphs?\\s+[0-9][0-9,\\s]*(?:and\\s+[0-9]+\\s*)?of\\s+"
            "(?:part\\s+(?:1|i)\\s+of\\s+)?schedule\\s+12a[^.;)]*");
        g_once_init_leave(&ready, 1);
    }
    return &r;
}

static cJSON *item_json(const ap_pack *pack, const ap_item *item,
                        const ap_titled *t)
{
    const agenda_rules *r = rules();
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "number", item->number);
    ap_json_set_text(o, "title", *t->title ? t->title : NULL);
    ap_json_set_text(o, "description", *t->rest ? t->rest : NULL);
    ap_match m;
    bool exempt = item->part == 2 || ap_re_search(r->exempt, t->text, 0, NULL);
    char *exemption = ap_re_search(r->exemption, t->text, 0, &m)
                          ? ap_match_dup(&m, t->text, 0)
                          : NULL;
    cJSON_AddNumberToObject(o, "part", item->part);
    cJSON_AddBoolToObject(o, "exempt", exempt);
    ap_json_set_text(o, "exemption", exemption);
    ap_json_set_text(o, "decision_ref", t->decision_ref);
    ap_json_set_page(o, "page_start", item->page_start);
    ap_json_set_page(o, "page_end", item->page_end);
    ap_json_set_page(o, "pdf_page_start", item->pdf_start);
    ap_json_set_page(o, "pdf_page_end", item->pdf_end);
    const ap_row *row = &pack->rows[item->anchor.page]->rows[item->anchor.row];
    char *row_text = ap_row_text(row, 0);
    cJSON_AddItemToObject(o, "evidence",
                          ap_evidence_json(pack->doc, item->anchor.page,
                                           &row->bbox, row_text));
    g_free(row_text);
    g_free(exemption);
    return o;
}

static void extract_agenda(const ap_pack *pack, cJSON *meeting)
{
    cJSON *agenda = cJSON_GetObjectItemCaseSensitive(meeting, "agenda");
    for (size_t i = 0; i < pack->nitems; i++) {
        cJSON_AddItemToArray(agenda, item_json(pack, &pack->items[i], &pack->titled[i]));
        if (!*pack->titled[i].title)
            ap_meeting_warn(meeting, "agenda item %s (PDF page %zu): no title",
                            pack->items[i].number,
                            pack->items[i].anchor.page + 1);
    }
}

const ap_extractor ap_extract_agenda = {
    .name = "agenda",
    .fields = (const char *const[]){"agenda", NULL},
    .run = extract_agenda,
};
