/*
 * council.c: the council the pack is of, as the segment stage found it
 * (segment/council.c: printed as a heading, else inferred from the
 * council's addresses or its town hall; null without evidence).
 */
#include "extractors/extractor.h"

static void extract_council(const ap_pack *pack, cJSON *meeting)
{
    ap_record_set_text(meeting, "council", pack->council);
}

const ap_extractor ap_extract_council = {
    .name = "council",
    .fields = (const char *const[]){"council", NULL},
    .run = extract_council,
};
