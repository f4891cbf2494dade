/*
 * people.h: the people a printed list names, as minutes print attendance.
 *
 *   "Councillors Roderick (Chair), Tilbrook (Deputy), Fitzpatrick and J Homer"
 *   "Councillor S Wright (in the Chair) Councillors C Boles, S Butler"
 *   "Mr R W Gough (Chairman), Mr R C Love, OBE and Mr R J Thomas"
 *   "Chairman Cllr Mrs Shewell, Cllrs Hayward, Cobb & Evans & the Clerk"
 *   "Deborah Cadman – SCC, Marion Harvey – Ipswich County Library"
 *
 * A collective title ("Councillors", "Cllrs") carries over the names after
 * it until another title; a title word in the middle of a run starts a new
 * person even without a comma; roles come from parentheses, "in the chair",
 * a leading "Chairman" or a dash, and a role saying the member substitutes
 * for another marks them a substitute; post-nominals (", OBE") stay with the
 * name; the Clerk, officers as a group and members of the public are not
 * people of the list.
 */
#ifndef AP_PEOPLE_H
#define AP_PEOPLE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct ap_person {
    char *name;             /* as printed, without title and role */
    char *title;            /* "Councillor", "Mr", ... or NULL */
    char *role;             /* "Chair", "in the Chair", ... or NULL */
    bool substitute;        /* there for another member: "(substitute for ...)" */
} ap_person;

ap_person *ap_people_parse(const char *text, size_t *npeople);
void ap_people_free(ap_person *people, size_t npeople);

#endif
