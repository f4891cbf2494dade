/*
 * sha256.h: SHA-256 digests, as lower-case hex, through OpenSSL's libcrypto.
 *
 * Every input is hashed (its record's name and the batch log's key) and
 * every record written is hashed again (the log checks records with it),
 * so the digest runs over every byte a run reads. GLib's SHA-256 is plain
 * C at about 50 instructions a byte; libcrypto uses the CPU's SHA
 * instructions where it has them and runs ten or more times faster.
 */
#ifndef AP_SHA256_H
#define AP_SHA256_H

#include <stddef.h>

typedef struct ap_sha256 ap_sha256;

ap_sha256 *ap_sha256_new(void);
void ap_sha256_update(ap_sha256 *h, const void *data, size_t len);
/* The digest as 64 hex digits (g_free it); h is freed. */
char *ap_sha256_finish(ap_sha256 *h);
/* The digest of len bytes at data. */
char *ap_sha256_hex(const void *data, size_t len);

#endif
