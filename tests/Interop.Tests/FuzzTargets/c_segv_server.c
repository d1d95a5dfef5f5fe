/*
 * Deliberately faulty WebSocket echo server (fuzz target, C99/C11 + POSIX threads, libc only).
 *
 * FAULT (style: killed by a signal, SIGSEGV; the whole process dies, one thread per connection):
 *   A handshake shape: the request head contains a header line whose value (after the
 *   colon, optional whitespace trimmed) is longer than 1000 bytes, and a Sec-WebSocket-Key
 *   header line (name compared case-insensitively) comes AFTER that long line.  The header
 *   scanner then writes through a NULL pointer.  A long line after the key, or a long line
 *   without any key, is handled normally (101 or 400; 431 when the head exceeds 64 KiB,
 *   in which case it is never parsed).
 *
 * Everything else is a correct RFC 6455 echo server (no extensions, no subprotocols).
 *
 * Build: gcc -O1 -Wall -Wextra -pthread -o c_segv_server c_segv_server.c
 * Usage: ./c_segv_server [PORT]   (else $WSCONFORM_PORT)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define MAX_HEAD (64 * 1024)              /* cap on the opening handshake head */
#define MAX_MESSAGE (16u * 1024u * 1024u) /* cap on a frame and on a reassembled message */
#define READ_SIZE 65536
#define LONG_VALUE 1000                   /* fault: header values longer than this */

enum { OP_CONT = 0x0, OP_TEXT = 0x1, OP_BINARY = 0x2, OP_CLOSE = 0x8, OP_PING = 0x9, OP_PONG = 0xA };

static const char GUID[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
static const char BAD_REQUEST[] =
    "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n"
    "Sec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n";
static const char HEAD_TOO_LARGE[] =
    "HTTP/1.1 431 Request Header Fields Too Large\r\n"
    "Connection: close\r\nContent-Length: 0\r\n\r\n";

/* ------------------------------------------------------------------ SHA-1 -- */

typedef struct {
    uint32_t h[5];
    uint64_t bytes;
    unsigned char block[64];
    size_t used;
} sha1_ctx;

static uint32_t rol32(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

static void sha1_block(sha1_ctx *c, const unsigned char *p)
{
    uint32_t w[80], a, b, d, e, f, k, t, cc;
    int i;
    for (i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
    for (i = 16; i < 80; i++)
        w[i] = rol32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    a = c->h[0]; b = c->h[1]; cc = c->h[2]; d = c->h[3]; e = c->h[4];
    for (i = 0; i < 80; i++) {
        if (i < 20)      { f = (b & cc) | (~b & d);           k = 0x5A827999u; }
        else if (i < 40) { f = b ^ cc ^ d;                    k = 0x6ED9EBA1u; }
        else if (i < 60) { f = (b & cc) | (b & d) | (cc & d); k = 0x8F1BBCDCu; }
        else             { f = b ^ cc ^ d;                    k = 0xCA62C1D6u; }
        t = rol32(a, 5) + f + e + k + w[i];
        e = d; d = cc; cc = rol32(b, 30); b = a; a = t;
    }
    c->h[0] += a; c->h[1] += b; c->h[2] += cc; c->h[3] += d; c->h[4] += e;
}

static void sha1_init(sha1_ctx *c)
{
    c->h[0] = 0x67452301u; c->h[1] = 0xEFCDAB89u; c->h[2] = 0x98BADCFEu;
    c->h[3] = 0x10325476u; c->h[4] = 0xC3D2E1F0u;
    c->bytes = 0; c->used = 0;
}

static void sha1_update(sha1_ctx *c, const void *data, size_t n)
{
    const unsigned char *p = data;
    c->bytes += n;
    while (n > 0) {
        size_t take = 64 - c->used;
        if (take > n) take = n;
        memcpy(c->block + c->used, p, take);
        c->used += take; p += take; n -= take;
        if (c->used == 64) { sha1_block(c, c->block); c->used = 0; }
    }
}

static void sha1_final(sha1_ctx *c, unsigned char out[20])
{
    unsigned char pad[72];
    uint64_t bits = c->bytes * 8;
    size_t padlen = (c->used < 56) ? 56 - c->used : 120 - c->used;
    int i;
    memset(pad, 0, sizeof pad);
    pad[0] = 0x80;
    for (i = 0; i < 8; i++) pad[padlen + i] = (unsigned char)(bits >> (56 - 8 * i));
    sha1_update(c, pad, padlen + 8);
    for (i = 0; i < 20; i++) out[i] = (unsigned char)(c->h[i / 4] >> (24 - 8 * (i % 4)));
}

/* ------------------------------------------------------------------ base64 -- */

static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void base64_encode(const unsigned char *in, size_t n, char *out)
{
    size_t i, o = 0;
    for (i = 0; i + 2 < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        out[o++] = B64[v >> 18]; out[o++] = B64[(v >> 12) & 63];
        out[o++] = B64[(v >> 6) & 63]; out[o++] = B64[v & 63];
    }
    if (n - i == 1) {
        uint32_t v = (uint32_t)in[i] << 16;
        out[o++] = B64[v >> 18]; out[o++] = B64[(v >> 12) & 63];
        out[o++] = '='; out[o++] = '=';
    } else if (n - i == 2) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
        out[o++] = B64[v >> 18]; out[o++] = B64[(v >> 12) & 63];
        out[o++] = B64[(v >> 6) & 63]; out[o++] = '=';
    }
    out[o] = '\0';
}

/* RFC 6455 4.2.1 item 5: the key is base64 of 16 bytes: 22 symbols then "==". */
static int valid_key(const char *v, size_t n)
{
    size_t i;
    if (n != 24 || v[22] != '=' || v[23] != '=') return 0;
    for (i = 0; i < 22; i++)
        if (!strchr(B64, v[i]) || v[i] == '\0') return 0;
    return 1;
}

/* ------------------------------------------------------------------- UTF-8 -- */

/* RFC 3629 well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
static int valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t extra;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) extra = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else return 0;
        if (n - i <= extra) return 0;
        if (s[i + 1] < lo || s[i + 1] > hi) return 0;
        for (size_t j = 2; j <= extra; j++)
            if (s[i + j] < 0x80 || s[i + j] > 0xBF) return 0;
        i += extra + 1;
    }
    return 1;
}

/* ----------------------------------------------------------------- buffers -- */

typedef struct {
    unsigned char *data;
    size_t len, cap;
} buf_t;

static int buf_reserve(buf_t *b, size_t extra)
{
    size_t cap;
    unsigned char *p;
    if (b->cap - b->len >= extra) return 0;
    cap = b->cap ? b->cap : 4096;
    while (cap - b->len < extra) cap *= 2;
    p = realloc(b->data, cap);
    if (!p) return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

static int buf_append(buf_t *b, const unsigned char *p, size_t n)
{
    if (buf_reserve(b, n) < 0) return -1;
    if (n) memcpy(b->data + b->len, p, n);
    b->len += n;
    return 0;
}

static void buf_free(buf_t *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* ----------------------------------------------------------------- sockets -- */

static int send_all(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* RFC 6455 5.1/5.2: server frames are never masked; minimal length encoding. */
static int send_frame(int fd, int opcode, const unsigned char *payload, size_t n)
{
    unsigned char *frame = malloc(n + 10);
    size_t h = 0;
    int rc, i;
    if (!frame) return -1;
    frame[h++] = (unsigned char)(0x80 | opcode);
    if (n < 126) {
        frame[h++] = (unsigned char)n;
    } else if (n < 65536) {
        frame[h++] = 126;
        frame[h++] = (unsigned char)(n >> 8);
        frame[h++] = (unsigned char)n;
    } else {
        frame[h++] = 127;
        for (i = 7; i >= 0; i--) frame[h++] = (unsigned char)((uint64_t)n >> (8 * i));
    }
    if (n) memcpy(frame + h, payload, n);
    rc = send_all(fd, frame, h + n);
    free(frame);
    return rc;
}

/* Send FIN first (RFC 6455 7.1.1: the server closes TCP first), drain briefly, close. */
static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void linger_close(int fd)
{
    char scratch[16384];
    struct timeval tv = { 0, 100000 };
    double deadline = now_seconds() + 1.0; /* bounded: at most about 1 s */
    shutdown(fd, SHUT_WR);
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    while (now_seconds() < deadline) {
        ssize_t r = recv(fd, scratch, sizeof scratch, 0);
        if (r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)) break;
    }
    close(fd);
}

/* --------------------------------------------------------------- handshake -- */

static int has_token(const char *v, size_t n, const char *token)
{
    size_t i = 0, tl = strlen(token);
    while (i <= n) {
        size_t s = i, e;
        while (i < n && v[i] != ',') i++;
        e = i;
        while (s < e && (v[s] == ' ' || v[s] == '\t')) s++;
        while (e > s && (v[e - 1] == ' ' || v[e - 1] == '\t')) e--;
        if (e - s == tl && strncasecmp(v + s, token, tl) == 0) return 1;
        i++;
    }
    return 0;
}

static int name_is(const char *name, size_t n, const char *want)
{
    return n == strlen(want) && strncasecmp(name, want, n) == 0;
}

static void header_order_violation(void)
{
    /* THE DELIBERATE FAULT: a key after an over-long header line writes through NULL. */
    volatile int *volatile nowhere = NULL; /* volatile twice: the store cannot be elided */
    *nowhere = 1;
}

/*
 * Decide the answer to a request head (head[0..n), without its final CRLFCRLF).
 * Writes the 101 response into `out` (size >= 256) and returns 1, or returns 0 for 400.
 */
static int handshake(const char *head, size_t n, char *out)
{
    const char *line = head, *end = head + n;
    const char *key = NULL;
    int keys = 0, versions = 0, version_ok = 0, upgrade_ok = 0, connection_ok = 0;
    int bad = 0, first = 1, seen_long = 0;

    while (line <= end) {
        const char *eol = memmem(line, (size_t)(end - line), "\r\n", 2);
        size_t len;
        if (!eol) eol = end;
        len = (size_t)(eol - line);
        if (first) {
            /* RFC 6455 4.2.1 item 1: "GET <target> HTTP/1.1". */
            const char *sp1 = memchr(line, ' ', len), *sp2;
            first = 0;
            if (!sp1 || sp1 - line != 3 || memcmp(line, "GET", 3) != 0) bad = 1;
            else {
                sp2 = memchr(sp1 + 1, ' ', (size_t)(eol - sp1 - 1));
                if (!sp2 || sp2 == sp1 + 1 || (size_t)(eol - sp2 - 1) != 8 ||
                    memcmp(sp2 + 1, "HTTP/1.1", 8) != 0)
                    bad = 1;
            }
        } else {
            const char *colon = memchr(line, ':', len), *v, *ve;
            size_t nl, vl;
            if (!colon || colon == line || colon[-1] == ' ' || colon[-1] == '\t' ||
                line[0] == ' ' || line[0] == '\t') {
                bad = 1;
            } else {
                nl = (size_t)(colon - line);
                v = colon + 1;
                ve = eol;
                while (v < ve && (*v == ' ' || *v == '\t')) v++;
                while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t')) ve--;
                vl = (size_t)(ve - v);
                if (name_is(line, nl, "sec-websocket-key")) {
                    if (seen_long) header_order_violation();
                    keys++;
                    key = v;
                    if (!valid_key(v, vl)) bad = 1;
                } else if (name_is(line, nl, "sec-websocket-version")) {
                    versions++;
                    version_ok = (vl == 2 && memcmp(v, "13", 2) == 0);
                } else if (name_is(line, nl, "upgrade")) {
                    if (has_token(v, vl, "websocket")) upgrade_ok = 1;
                } else if (name_is(line, nl, "connection")) {
                    if (has_token(v, vl, "upgrade")) connection_ok = 1;
                }
                if (vl > LONG_VALUE) seen_long = 1;
            }
        }
        line = eol + 2;
    }
    /* RFC 6455 4.2.1 items 3-6: Upgrade, Connection, one valid key, version 13. */
    if (bad || !upgrade_ok || !connection_ok || keys != 1 || versions != 1 || !version_ok)
        return 0;
    {
        sha1_ctx c;
        unsigned char digest[20];
        char accept[32];
        /* RFC 6455 4.2.2 item 5.4: accept = base64(SHA-1(key + GUID)). */
        sha1_init(&c);
        sha1_update(&c, key, 24);
        sha1_update(&c, GUID, sizeof GUID - 1);
        sha1_final(&c, digest);
        base64_encode(digest, 20, accept);
        snprintf(out, 256,
                 "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                 "Connection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n", accept);
    }
    return 1;
}

/* ------------------------------------------------------------------ frames -- */

typedef struct {
    int fd;
    buf_t in;       /* received, not yet parsed */
    buf_t msg;      /* reassembled fragmented message */
    int msg_opcode; /* opcode of the open message, 0 = none */
    int closing;
} conn_t;

/* RFC 6455 7.4.1 / 7.4.2: codes that may appear in a received close frame. */
static int valid_close_code(unsigned code)
{
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) ||
           (code >= 3000 && code <= 4999);
}

/* Fail the connection: close frame with `code`; the caller then closes TCP. */
static int fail(conn_t *c, unsigned code)
{
    unsigned char p[2] = { (unsigned char)(code >> 8), (unsigned char)code };
    c->closing = 1;
    return send_frame(c->fd, OP_CLOSE, p, 2) < 0 ? -1 : 0;
}

static int on_close(conn_t *c, const unsigned char *p, size_t n)
{
    /* RFC 6455 5.5.1 / 7.4: echo the status code (or nothing), then close. */
    if (n == 1) return fail(c, 1002);
    if (n >= 2) {
        if (!valid_close_code((unsigned)p[0] << 8 | p[1])) return fail(c, 1002);
        if (!valid_utf8(p + 2, n - 2)) return fail(c, 1007);
    }
    c->closing = 1;
    return send_frame(c->fd, OP_CLOSE, p, n >= 2 ? 2 : 0);
}

/* Parse and handle every complete frame in c->in. Returns -1 on a socket error. */
static int process_frames(conn_t *c)
{
    size_t pos = 0;
    int rc = 0;
    while (!c->closing) {
        unsigned char *p = c->in.data + pos;
        size_t avail = c->in.len - pos, header = 2, i;
        uint64_t length;
        int fin, opcode;
        if (avail < 2) break;
        fin = (p[0] & 0x80) != 0;
        opcode = p[0] & 0x0F;
        if (p[0] & 0x70) { rc = fail(c, 1002); break; }   /* RFC 6455 5.2: RSV without extension */
        if (!(opcode <= OP_BINARY || (opcode >= OP_CLOSE && opcode <= OP_PONG))) {
            rc = fail(c, 1002); break;                     /* RFC 6455 5.2: reserved opcode */
        }
        if (!(p[1] & 0x80)) { rc = fail(c, 1002); break; } /* RFC 6455 5.1: clients mask */
        length = p[1] & 0x7F;
        if (opcode >= OP_CLOSE) {
            /* RFC 6455 5.5: control frames are not fragmented and carry at most 125 bytes. */
            if (!fin || length > 125) { rc = fail(c, 1002); break; }
        } else if (opcode == OP_CONT) {
            if (!c->msg_opcode) { rc = fail(c, 1002); break; } /* RFC 6455 5.4 */
        } else if (c->msg_opcode) {
            rc = fail(c, 1002); break;                         /* RFC 6455 5.4 */
        }
        if (length == 126) {
            if (avail < 4) break;
            length = (uint64_t)p[2] << 8 | p[3];
            header = 4;
        } else if (length == 127) {
            if (avail < 10) break;
            length = 0;
            for (i = 0; i < 8; i++) length = length << 8 | p[2 + i];
            header = 10;
            if (length >> 63) { rc = fail(c, 1002); break; } /* RFC 6455 5.2: MSB must be 0 */
        }
        /* Checked before any payload is buffered: an announced 2^63 never allocates. */
        if (length > MAX_MESSAGE || (opcode < OP_CLOSE && c->msg.len + length > MAX_MESSAGE)) {
            rc = fail(c, 1009); break;                          /* RFC 6455 7.4.1 */
        }
        if (avail < header + 4 + length) break;
        {
            unsigned char *mask = p + header, *payload = p + header + 4;
            size_t n = (size_t)length;
            for (i = 0; i < n; i++) payload[i] ^= mask[i & 3]; /* RFC 6455 5.3 */
            pos += header + 4 + n;
            if (opcode == OP_PING) {
                rc = send_frame(c->fd, OP_PONG, payload, n);   /* RFC 6455 5.5.2 */
            } else if (opcode == OP_PONG) {
                /* RFC 6455 5.5.3: an unsolicited pong needs no answer. */
            } else if (opcode == OP_CLOSE) {
                rc = on_close(c, payload, n);
            } else {
                if (opcode != OP_CONT) c->msg_opcode = opcode;
                if (buf_append(&c->msg, payload, n) < 0) { rc = fail(c, 1011); break; }
                if (fin) {
                    int op = c->msg_opcode;
                    c->msg_opcode = 0;
                    if (op == OP_TEXT && !valid_utf8(c->msg.data, c->msg.len)) {
                        rc = fail(c, 1007);                    /* RFC 6455 8.1 */
                    } else {
                        rc = send_frame(c->fd, op, c->msg.data, c->msg.len);
                    }
                    c->msg.len = 0;
                    if (c->msg.cap > (1u << 20)) buf_free(&c->msg);
                }
            }
            if (rc < 0) break;
        }
    }
    /* compact: keep only the unparsed tail */
    if (pos > 0) {
        memmove(c->in.data, c->in.data + pos, c->in.len - pos);
        c->in.len -= pos;
    }
    if (c->in.cap > (1u << 20) && c->in.len < c->in.cap / 8) {
        unsigned char *q = realloc(c->in.data, c->in.len > 4096 ? c->in.len : 4096);
        if (q) { c->in.data = q; c->in.cap = c->in.len > 4096 ? c->in.len : 4096; }
    }
    return rc;
}

/* Returns 1 when the socket should be closed at once, 2 for a lingering close. */
static int serve(conn_t *c)
{
    size_t end = 0, scanned = 0;
    char response[256];
    unsigned char *hit;
    ssize_t r;

    /* the opening handshake: read up to CRLFCRLF, at most 64 KiB */
    for (;;) {
        if (buf_reserve(&c->in, READ_SIZE) < 0) return 1;
        r = recv(c->fd, c->in.data + c->in.len, READ_SIZE, 0);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return 1; /* EOF or reset: close at once */
        c->in.len += (size_t)r;
        scanned = scanned > 3 ? scanned - 3 : 0;
        hit = memmem(c->in.data + scanned, c->in.len - scanned, "\r\n\r\n", 4);
        scanned = c->in.len;
        if ((!hit && c->in.len > MAX_HEAD) || (hit && (size_t)(hit - c->in.data) + 4 > MAX_HEAD)) {
            send_all(c->fd, HEAD_TOO_LARGE, sizeof HEAD_TOO_LARGE - 1);
            return 2;
        }
        if (hit) { end = (size_t)(hit - c->in.data); break; }
    }
    if (!handshake((const char *)c->in.data, end, response)) {
        send_all(c->fd, BAD_REQUEST, sizeof BAD_REQUEST - 1);
        return 2;
    }
    if (send_all(c->fd, response, strlen(response)) < 0) return 1;
    /* bytes after the head are frame bytes */
    memmove(c->in.data, c->in.data + end + 4, c->in.len - end - 4);
    c->in.len -= end + 4;

    for (;;) {
        if (process_frames(c) < 0) return 1;
        if (c->closing) return 2;
        if (buf_reserve(&c->in, READ_SIZE) < 0) return 1;
        r = recv(c->fd, c->in.data + c->in.len, READ_SIZE, 0);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return 1; /* EOF from the client: forget the connection */
        c->in.len += (size_t)r;
    }
}

static void *connection_thread(void *arg)
{
    conn_t *c = arg;
    if (serve(c) == 2) linger_close(c->fd);
    else close(c->fd);
    buf_free(&c->in);
    buf_free(&c->msg);
    free(c);
    return NULL;
}

/* -------------------------------------------------------------------- main -- */

int main(int argc, char **argv)
{
    const char *value = argc > 1 ? argv[1] : getenv("WSCONFORM_PORT");
    struct sockaddr_in addr;
    pthread_attr_t attr;
    char *endp;
    long port;
    int one = 1, lfd;

    if (!value || !*value || (port = strtol(value, &endp, 10), *endp) || port < 0 || port > 65535) {
        fprintf(stderr, "usage: c_segv_server PORT (or set WSCONFORM_PORT)\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    lfd = socket(AF_INET, SOCK_STREAM, 0);
    if (lfd < 0) { perror("socket"); return 2; }
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0) { perror("bind"); return 2; }
    if (listen(lfd, 512) < 0) { perror("listen"); return 2; }
    printf("listening on %ld\n", port);
    fflush(stdout);

    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    for (;;) {
        pthread_t tid;
        conn_t *c;
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) {
            if (errno != EINTR) {
                struct timespec ts = { 0, 50 * 1000 * 1000 }; /* e.g. EMFILE: back off */
                nanosleep(&ts, NULL);
            }
            continue;
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        c = calloc(1, sizeof *c);
        if (!c) { close(fd); continue; }
        c->fd = fd;
        if (pthread_create(&tid, &attr, connection_thread, c) != 0) {
            close(fd);
            free(c);
        }
    }
}
