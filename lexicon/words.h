/*
 * words.h: the words the stages recognise things by, each list once, as
 * PCRE2 alternations to compose into patterns (case-insensitive as
 * ap_re_compile makes them).
 */
#ifndef AP_WORDS_H
#define AP_WORDS_H

/* The last word of a body's name: "Children's Services Scrutiny Panel",
 * "CABINET", "Harbourside Parish Council". */
#define AP_BODY_WORDS                                                        \
    "committee|sub-committee|panel|board|cabinet|council|commission|"        \
    "forum|group|assembly|executive|authority|partnership|conference"

/* Welsh, as councils under the Welsh Language Standards print minutes:
 * "Cofnodion" (minutes), "Yn bresennol" (present), "Ymddiheuriadau"
 * (apologies), "Hefyd yn bresennol" (also present), "Penderfynwyd"
 * (resolved), "Cytunwyd" (agreed), "Pwyllgor" (committee), "Cyngor"
 * (council), "Y Cynghorydd" (Councillor). Each list here is the one place
 * the words live; lexicon/normalise.c holds the months. */
#define AP_MINUTES_OPENING_CY "cofnodion(?:\\s+(?:cyfarfod|y\\s+cyfarfod)\\b|$)"
#define AP_ATTENDANCE_LABELS_CY "hefyd\\s+yn\\s+bresennol|yn\\s+bresennol|ymddiheuriadau|"
#define AP_RESOLVED_CY "penderfynwyd|cytunwyd"
/* The formal lead of a decision minuted, English and Welsh, opening a
 * line after its clause number if any: "RESOLVED that", "3. RESOLVED",
 * "It was resolved", "PENDERFYNWYD". */
#define AP_RESOLVED_FORMAL "resolved|penderfynwyd"
#define AP_RESOLVED_LEAD                                                     \
    "^(?:\\(?[0-9]{1,3}[a-z]?[.)]\\s+)?(?:it\\s+was\\s+)?(?:" AP_RESOLVED_FORMAL ")\\b"
/* Words minutes use for who was there. */
#define AP_ATTENDANCE_WORDS "apologies|present|attended|attendance|bresennol|ymddiheuriadau"
#define AP_BODY_WORDS_CY "pwyllgor|cyngor|bwrdd|fforwm|panel|cabinet"

/* What opens a set of minutes as its heading: "Minutes of a meeting of
 * ...", "Minutes of:", "MINUTES", "BOARD MEETING MINUTES"; not a minute
 * headed "Minutes of the previous meeting". */
#define AP_MINUTES_OPENING                                                   \
    "minutes\\s+of\\s+(?:an?\\s+|the\\s+)?(?:[\\w-]+\\s+){0,3}"              \
    "(?:meeting|proceedings)\\s+of\\b|minutes\\s+of\\s*:|minutes$|"          \
    "(?-i:[A-Z][A-Z ]{0,40}MINUTES)$|" AP_MINUTES_OPENING_CY

/* What opens a file of minutes on its first page, as well: "Minutes of
 * the Meeting held on ..." under a parish council's name, "Minutes
 * extract from ...". Only there: further on, "Minutes of the meeting held
 * on 7 November" is a minute approving another meeting's minutes. */
#define AP_MINUTES_OPENING_FIRST                                             \
    AP_MINUTES_OPENING "|minutes\\s+of\\s+(?:an?\\s+|the\\s+)?(?:[\\w-]+\\s+){0,3}" \
    "meeting\\s+held\\b|minutes\\s+extract\\b"

/* What a dated heading of minutes may open with before the body's name:
 * "Minutes extract from Cabinet – 13 December 2024", "DRAFT MINUTES
 * Planning Committee 4 May 2021". */
#define AP_MINUTES_HEADING_LEAD                                              \
    "^(?:draft\\s+)?(?:minutes?|extract|excerpt)(?:\\s+(?:extract|excerpt))?" \
    "(?:\\s+(?:from|of))?(?:\\s+the)?\\s+"

/* What a member present is doing there for another, after the name: "Mrs
 * E Fox (substitute for Councillor F Gray)", "(sub for)", "(substituting)". */
#define AP_SUBSTITUTE "^(?:substitut(?:e|ing|ed)|sub)\\b"

/* A sentence reporting apologies anywhere in the minutes: "The Chair
 * reported apologies from Councillor M North", "Apologies for absence
 * were also received from ..."; not apologies for lateness. */
#define AP_APOLOGIES_REPORTED                                                \
    "\\b(?:(?:received|reported|noted|tendered|submitted)\\s+apologies" \
    "(?:\\s+for\\s+absence)?|apologies(?:\\s+for\\s+absence)?\\s+" \
    "(?:were|was|had\\s+been)(?:\\s+also)?\\s+"                     \
    "(?:received|reported|noted|tendered|submitted))\\s+from\\s+"

/* The labels of attendance lists in minutes ("Present:", "Apologies for
 * absence:", "Also in attendance:"): captured, as group 1. */
#define AP_ATTENDANCE_LABELS                                                 \
    "((?:members\\s+|councillors\\s+)?present|attendees|"                     \
    AP_ATTENDANCE_LABELS_CY                                                  \
    "apologies(?:\\s+for(?:\\s+absence)?)?|also\\s+(?:in\\s+attendance|present)|" \
    "in\\s+attendance(?:\\s+virtually)?|officers(?:\\s+in\\s+attendance|"          \
    "\\s+present)?|absent|substitutes?|invited|public\\s+attendance)"

#endif
