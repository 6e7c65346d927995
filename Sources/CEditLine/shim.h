#ifndef KNOTBOT_CEDITLINE_SHIM_H
#define KNOTBOT_CEDITLINE_SHIM_H
// Fixed-argument wrappers around libedit's variadic el_set/el_get/history, which Swift cannot call,
// and accessors for the stdio streams, which Swift 6 strict concurrency rejects as mutable globals.
#include <histedit.h>
#include <stdio.h>
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

typedef char *(*knotbot_prompt_fn)(EditLine *);
typedef unsigned char (*knotbot_command_fn)(EditLine *, int);

static inline EditLine *knotbot_el_init(const char *prog) {
    return el_init(prog, stdin, stdout, stderr);
}
static inline int knotbot_el_set_prompt(EditLine *el, knotbot_prompt_fn fn) {
    return el_set(el, EL_PROMPT, fn);
}
static inline int knotbot_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}
static inline int knotbot_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}
static inline int knotbot_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}
static inline int knotbot_el_add_function(EditLine *el, const char *name, const char *help, knotbot_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int knotbot_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, NULL);
}
static inline int knotbot_el_set_client_data(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}
static inline void *knotbot_el_client_data(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
/// Reads an editrc file: `el_source(el, NULL)` returns -1 without reading anything where the C
/// library has no issetugid(), as glibc has not, so the caller names the file.
static inline int knotbot_el_source(EditLine *el, const char *path) {
    return el_source(el, path);
}
/// Moves the cursor `count` characters (negative: left) and deletes the one before it.
static inline void knotbot_el_delete_under_cursor(EditLine *el) {
    el_cursor(el, 1);
    el_deletestr(el, 1);
}
static inline int knotbot_history_set_size(History *h, HistEvent *ev, int size) {
    return history(h, ev, H_SETSIZE, size);
}
static inline int knotbot_history_set_unique(History *h, HistEvent *ev, int unique) {
    return history(h, ev, H_SETUNIQUE, unique);
}
static inline int knotbot_history_enter(History *h, HistEvent *ev, const char *line) {
    return history(h, ev, H_ENTER, line);
}
static inline int knotbot_history_load(History *h, HistEvent *ev, const char *path) {
    return history(h, ev, H_LOAD, path);
}
static inline int knotbot_history_save(History *h, HistEvent *ev, const char *path) {
    return history(h, ev, H_SAVE, path);
}
/// The number of entries held.
static inline int knotbot_history_size(History *h, HistEvent *ev) {
    return history(h, ev, H_GETSIZE) == -1 ? -1 : ev->num;
}
/// The newest entry, or NULL when there is none.
static inline const char *knotbot_history_newest(History *h, HistEvent *ev) {
    return history(h, ev, H_FIRST) == -1 ? NULL : ev->str;
}
static inline int knotbot_history_clear(History *h, HistEvent *ev) {
    return history(h, ev, H_CLEAR);
}
static inline FILE *knotbot_stdin(void) { return stdin; }
static inline FILE *knotbot_stdout(void) { return stdout; }
static inline FILE *knotbot_stderr(void) { return stderr; }
/// The terminal's width in columns, or 0 when stdout is not a terminal.
static inline int knotbot_terminal_columns(void) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) { return ws.ws_col; }
    return 0;
}
/// Makes the C library speak UTF-8 so libedit edits multibyte characters; falls back to C.UTF-8 when
/// the environment names no UTF-8 locale (CI, containers).
static inline void knotbot_use_utf8_locale(void) {
    setlocale(LC_CTYPE, "");
    const char *codeset = nl_langinfo(CODESET);
    if (codeset == NULL || (codeset[0] != 'U' && codeset[0] != 'u')) {
        setlocale(LC_CTYPE, "C.UTF-8");
    }
}
#endif
