/* SPDX-License-Identifier: MIT */
/*
 * ioctl_kd.h: the key printers of ioctl_kd_keys.c for ioctl_kd.c.
 */
#ifndef SNARE_PRINT_IOCTL_KD_H
#define SNARE_PRINT_IOCTL_KD_H

#include "ioctl.h"

/* A byte as strace's print_char() with quotes and \t-style escapes:
   'a', '\n', '\x01'. */
void kd_print_kchar(struct pbuf *b, unsigned char c);
/* "kb_value=0x104 /- K_F5 -/": a keymap entry's value and its key. */
void kd_print_kb_value(struct fmt *f, unsigned short v);
/* struct kbsentry's kb_func: KVAL(K_F1) ... KVAL(K_UNDO). */
void kd_print_kb_func(struct pbuf *b, unsigned char func);

#endif
