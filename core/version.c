/* version.c: the library's version, as it was built. */
#include "agendapack.h"

const char *ap_version(void)
{
    return AP_VERSION;
}
