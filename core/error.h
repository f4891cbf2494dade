/* error.h: filling an ap_error (error.c). Deep code says what went wrong;
 * the caller that knows more adds it in front; only the CLI prints. */
#ifndef AP_ERROR_H
#define AP_ERROR_H

#include "agendapack.h"

void ap_error_set(ap_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "prefix: message"; a long message is cut, the prefix never is. */
void ap_error_prefix(ap_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
