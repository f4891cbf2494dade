/*
 * sha256.c: SHA-256 over OpenSSL's EVP interface (see sha256.h).
 */
#include <openssl/evp.h>

#include <glib.h>

#include "core/sha256.h"

struct ap_sha256 {
    EVP_MD_CTX *ctx;
};

ap_sha256 *ap_sha256_new(void)
{
    ap_sha256 *h = g_new(ap_sha256, 1);
    h->ctx = EVP_MD_CTX_new();
    /* cannot fail but for memory, which the allocator's hook reports */
    if (!h->ctx || !EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL))
        g_error("SHA-256: cannot start a digest");
    return h;
}

void ap_sha256_update(ap_sha256 *h, const void *data, size_t len)
{
    EVP_DigestUpdate(h->ctx, data, len);
}

char *ap_sha256_finish(ap_sha256 *h)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    EVP_DigestFinal_ex(h->ctx, digest, &len);
    EVP_MD_CTX_free(h->ctx);
    g_free(h);
    static const char hex[] = "0123456789abcdef";
    char *out = g_malloc(2 * (size_t)len + 1);
    for (unsigned i = 0; i < len; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 0xf];
    }
    out[2 * len] = '\0';
    return out;
}

char *ap_sha256_hex(const void *data, size_t len)
{
    ap_sha256 *h = ap_sha256_new();
    ap_sha256_update(h, data, len);
    return ap_sha256_finish(h);
}
