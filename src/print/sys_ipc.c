/* SPDX-License-Identifier: MIT */
/*
 * sys_ipc.c: decoders of System V IPC (shm*, sem*, msg*), POSIX message
 * queues (mq_*) and the key management calls (add_key, request_key,
 * keyctl), as strace 6.1 prints them. The *ctl structures (shmid_ds ...)
 * are shown by their address, as strace shows them when the call fails.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/keyctl.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>

#include "decoders.h"

#define KIPC_64 0x0100
#define KSHM_HUGE_SHIFT 26
#define KSHM_HUGE_MASK 0x3f

XLAT_TABLE(ipc_private, NULL, XLAT(IPC_PRIVATE));
XLAT_TABLE(ipc_64, NULL, XLAT_PAIR(KIPC_64, "IPC_64"));
XLAT_TABLE(resource_flags, NULL, XLAT(IPC_CREAT), XLAT(IPC_EXCL),
	   XLAT(IPC_NOWAIT));
XLAT_TABLE(shm_resource_flags, NULL, XLAT(IPC_CREAT), XLAT(IPC_EXCL),
	   XLAT(SHM_HUGETLB), XLAT(SHM_NORESERVE));
XLAT_TABLE(shm_flags, "SHM_???", XLAT(SHM_RDONLY), XLAT(SHM_RND),
	   XLAT(SHM_REMAP), XLAT(SHM_EXEC));
XLAT_TABLE(ipc_msg_flags, "MSG_???", XLAT(MSG_NOERROR), XLAT(MSG_EXCEPT),
	   XLAT(MSG_COPY), XLAT(IPC_NOWAIT));
XLAT_TABLE(semop_flags, "SEM_???", XLAT(SEM_UNDO), XLAT(IPC_NOWAIT));
XLAT_TABLE(shmctl_cmds, "SHM_???", XLAT(IPC_RMID), XLAT(IPC_SET),
	   XLAT(IPC_STAT), XLAT(IPC_INFO), XLAT(SHM_LOCK), XLAT(SHM_UNLOCK),
	   XLAT(SHM_STAT), XLAT(SHM_INFO), XLAT(SHM_STAT_ANY));
XLAT_TABLE(msgctl_cmds, "MSG_???", XLAT(IPC_RMID), XLAT(IPC_SET),
	   XLAT(IPC_STAT), XLAT(IPC_INFO), XLAT(MSG_STAT), XLAT(MSG_INFO),
	   XLAT(MSG_STAT_ANY));
XLAT_TABLE(semctl_cmds, "SEM_???", XLAT(IPC_RMID), XLAT(IPC_SET),
	   XLAT(IPC_STAT), XLAT(IPC_INFO), XLAT(GETPID), XLAT(GETVAL),
	   XLAT(GETALL), XLAT(GETNCNT), XLAT(GETZCNT), XLAT(SETVAL),
	   XLAT(SETALL), XLAT(SEM_STAT), XLAT(SEM_INFO), XLAT(SEM_STAT_ANY));
XLAT_TABLE(mq_attr_flags, "O_???", XLAT(O_NONBLOCK));
XLAT_TABLE(key_specs, NULL, XLAT(KEY_SPEC_THREAD_KEYRING),
	   XLAT(KEY_SPEC_PROCESS_KEYRING), XLAT(KEY_SPEC_SESSION_KEYRING),
	   XLAT(KEY_SPEC_USER_KEYRING), XLAT(KEY_SPEC_USER_SESSION_KEYRING),
	   XLAT(KEY_SPEC_GROUP_KEYRING), XLAT(KEY_SPEC_REQKEY_AUTH_KEY),
	   XLAT(KEY_SPEC_REQUESTOR_KEYRING));
XLAT_TABLE(keyctl_cmds, "KEYCTL_???", XLAT(KEYCTL_GET_KEYRING_ID),
	   XLAT(KEYCTL_JOIN_SESSION_KEYRING), XLAT(KEYCTL_UPDATE),
	   XLAT(KEYCTL_REVOKE), XLAT(KEYCTL_CHOWN), XLAT(KEYCTL_SETPERM),
	   XLAT(KEYCTL_DESCRIBE), XLAT(KEYCTL_CLEAR), XLAT(KEYCTL_LINK),
	   XLAT(KEYCTL_UNLINK), XLAT(KEYCTL_SEARCH), XLAT(KEYCTL_READ),
	   XLAT(KEYCTL_INSTANTIATE), XLAT(KEYCTL_NEGATE),
	   XLAT(KEYCTL_SET_REQKEY_KEYRING), XLAT(KEYCTL_SET_TIMEOUT),
	   XLAT(KEYCTL_ASSUME_AUTHORITY), XLAT(KEYCTL_GET_SECURITY),
	   XLAT(KEYCTL_SESSION_TO_PARENT), XLAT(KEYCTL_REJECT),
	   XLAT(KEYCTL_INSTANTIATE_IOV), XLAT(KEYCTL_INVALIDATE),
	   XLAT(KEYCTL_GET_PERSISTENT), XLAT(KEYCTL_DH_COMPUTE),
	   XLAT_PAIR(24, "KEYCTL_PKEY_QUERY"), XLAT_PAIR(25, "KEYCTL_PKEY_ENCRYPT"),
	   XLAT_PAIR(26, "KEYCTL_PKEY_DECRYPT"), XLAT_PAIR(27, "KEYCTL_PKEY_SIGN"),
	   XLAT_PAIR(28, "KEYCTL_PKEY_VERIFY"),
	   XLAT_PAIR(29, "KEYCTL_RESTRICT_KEYRING"), XLAT_PAIR(30, "KEYCTL_MOVE"),
	   XLAT_PAIR(31, "KEYCTL_CAPABILITIES"), XLAT_PAIR(32, "KEYCTL_WATCH_KEY"));
XLAT_TABLE(key_reqkeys, "KEY_REQKEY_DEFL_???",
	   XLAT_PAIR(-1, "KEY_REQKEY_DEFL_NO_CHANGE"),
	   XLAT_PAIR(0, "KEY_REQKEY_DEFL_DEFAULT"),
	   XLAT_PAIR(1, "KEY_REQKEY_DEFL_THREAD_KEYRING"),
	   XLAT_PAIR(2, "KEY_REQKEY_DEFL_PROCESS_KEYRING"),
	   XLAT_PAIR(3, "KEY_REQKEY_DEFL_SESSION_KEYRING"),
	   XLAT_PAIR(4, "KEY_REQKEY_DEFL_USER_KEYRING"),
	   XLAT_PAIR(5, "KEY_REQKEY_DEFL_USER_SESSION_KEYRING"),
	   XLAT_PAIR(6, "KEY_REQKEY_DEFL_GROUP_KEYRING"),
	   XLAT_PAIR(7, "KEY_REQKEY_DEFL_REQUESTOR_KEYRING"));
XLAT_TABLE(key_move_flags, "KEYCTL_MOVE_???", XLAT_PAIR(1, "KEYCTL_MOVE_EXCL"));
XLAT_TABLE(key_caps0, "KEYCTL_CAPS0_???", XLAT(KEYCTL_CAPS0_CAPABILITIES),
	   XLAT(KEYCTL_CAPS0_PERSISTENT_KEYRINGS),
	   XLAT(KEYCTL_CAPS0_DIFFIE_HELLMAN), XLAT(KEYCTL_CAPS0_PUBLIC_KEY),
	   XLAT(KEYCTL_CAPS0_BIG_KEY), XLAT(KEYCTL_CAPS0_INVALIDATE),
	   XLAT(KEYCTL_CAPS0_RESTRICT_KEYRING), XLAT(KEYCTL_CAPS0_MOVE));
XLAT_TABLE(key_caps1, "KEYCTL_CAPS1_???", XLAT(KEYCTL_CAPS1_NS_KEYRING_NAME),
	   XLAT(KEYCTL_CAPS1_NS_KEY_TAG), XLAT(KEYCTL_CAPS1_NOTIFICATIONS));
XLAT_TABLE(key_pkey_ops, "KEYCTL_SUPPORTS_???", XLAT(KEYCTL_SUPPORTS_ENCRYPT),
	   XLAT(KEYCTL_SUPPORTS_DECRYPT), XLAT(KEYCTL_SUPPORTS_SIGN),
	   XLAT(KEYCTL_SUPPORTS_VERIFY));
XLAT_TABLE(key_perms, "KEY_???", XLAT_PAIR(0x01000000, "KEY_POS_VIEW"),
	   XLAT_PAIR(0x02000000, "KEY_POS_READ"),
	   XLAT_PAIR(0x04000000, "KEY_POS_WRITE"),
	   XLAT_PAIR(0x08000000, "KEY_POS_SEARCH"),
	   XLAT_PAIR(0x10000000, "KEY_POS_LINK"),
	   XLAT_PAIR(0x20000000, "KEY_POS_SETATTR"),
	   XLAT_PAIR(0x3f000000, "KEY_POS_ALL"),
	   XLAT_PAIR(0x00010000, "KEY_USR_VIEW"),
	   XLAT_PAIR(0x00020000, "KEY_USR_READ"),
	   XLAT_PAIR(0x00040000, "KEY_USR_WRITE"),
	   XLAT_PAIR(0x00080000, "KEY_USR_SEARCH"),
	   XLAT_PAIR(0x00100000, "KEY_USR_LINK"),
	   XLAT_PAIR(0x00200000, "KEY_USR_SETATTR"),
	   XLAT_PAIR(0x003f0000, "KEY_USR_ALL"),
	   XLAT_PAIR(0x00000100, "KEY_GRP_VIEW"),
	   XLAT_PAIR(0x00000200, "KEY_GRP_READ"),
	   XLAT_PAIR(0x00000400, "KEY_GRP_WRITE"),
	   XLAT_PAIR(0x00000800, "KEY_GRP_SEARCH"),
	   XLAT_PAIR(0x00001000, "KEY_GRP_LINK"),
	   XLAT_PAIR(0x00002000, "KEY_GRP_SETATTR"),
	   XLAT_PAIR(0x00003f00, "KEY_GRP_ALL"),
	   XLAT_PAIR(0x00000001, "KEY_OTH_VIEW"),
	   XLAT_PAIR(0x00000002, "KEY_OTH_READ"),
	   XLAT_PAIR(0x00000004, "KEY_OTH_WRITE"),
	   XLAT_PAIR(0x00000008, "KEY_OTH_SEARCH"),
	   XLAT_PAIR(0x00000010, "KEY_OTH_LINK"),
	   XLAT_PAIR(0x00000020, "KEY_OTH_SETATTR"),
	   XLAT_PAIR(0x0000003f, "KEY_OTH_ALL"));

/* A key: IPC_PRIVATE or its number in hex. */
void
print_ipc_key(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if ((uint32_t)v == IPC_PRIVATE)
		print_xval(f->b, &ipc_private, 0, false);
	else
		pb_printf(f->b, "%#x", (uint32_t)v);
}

/* msgget/semget's flags: IPC_CREAT|IPC_EXCL|0600. */
void
print_ipc_get_flags(struct fmt *f, uint64_t v, int i)
{
	uint32_t flags = (uint32_t)v & ~0777U;

	(void)i;
	if (flags) {
		print_flags(f->b, &resource_flags, flags);
		pb_putc(f->b, '|');
	}
	print_octal(f->b, v & 0777);
}

void
print_shmget_flags(struct fmt *f, uint64_t v, int i)
{
	uint32_t flags = (uint32_t)v & ~0777U;
	uint32_t mask = (uint32_t)KSHM_HUGE_MASK << KSHM_HUGE_SHIFT;
	uint32_t huge = flags & mask;

	(void)i;
	flags &= ~mask;
	/* strace's printflags() with no default prints nothing for 0. */
	if (flags)
		print_flags(f->b, &shm_resource_flags, flags);
	if (huge) {
		if (flags)
			pb_putc(f->b, '|');
		pb_printf(f->b, "%u<<", huge >> KSHM_HUGE_SHIFT);
		if (f->b->xstyle == 0)
			pb_puts(f->b, "SHM_HUGE_SHIFT");
		else
			pb_printf(f->b, "%d", KSHM_HUGE_SHIFT);
		if (f->b->xstyle == 2)
			pb_puts(f->b, " /* SHM_HUGE_SHIFT */");
	}
	if (flags || huge)
		pb_putc(f->b, '|');
	print_octal(f->b, v & 0777);
}

void
print_shmat_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &shm_flags, (uint32_t)v);
}

void
print_msg_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &ipc_msg_flags, v);
}

/* A *ctl command, with IPC_64 first when set. */
void
print_ipc_cmd(struct fmt *f, uint64_t v, int i)
{
	const struct xlat *x = f->nr == SYS_shmctl ? &shmctl_cmds :
			       f->nr == SYS_msgctl ? &msgctl_cmds : &semctl_cmds;
	uint32_t cmd = (uint32_t)v;

	(void)i;
	if (cmd & KIPC_64) {
		print_xval(f->b, &ipc_64, KIPC_64, false);
		pb_putc(f->b, '|');
	}
	print_xval(f->b, x, cmd & ~KIPC_64, false);
}

/* The buffer of the *ctl calls: at exit for the commands that fill it. */
static void
fix_ctl(const struct fmt *f, struct argspec *a, int i, uint32_t cmd)
{
	bool out = false;

	cmd &= ~KIPC_64;
	if (cmd == IPC_STAT || cmd == IPC_INFO)
		out = true;
	else if (f->nr == SYS_shmctl)
		out = cmd == SHM_STAT || cmd == SHM_INFO || cmd == SHM_STAT_ANY;
	else if (f->nr == SYS_msgctl)
		out = cmd == MSG_STAT || cmd == MSG_INFO || cmd == MSG_STAT_ANY;
	else
		out = cmd == SEM_STAT || cmd == SEM_INFO || cmd == SEM_STAT_ANY;
	if (out)
		a[i] = (struct argspec)FN_OUT(print_ipc_ds_out);
	else if (cmd == IPC_SET)
		a[i] = (struct argspec)FN(print_ipc_ds_set);
}

void
fix_shmctl(const struct fmt *f, int *nargs, struct argspec *a)
{
	(void)nargs;
	fix_ctl(f, a, 2, (uint32_t)f->args[1]);
}

void
fix_msgctl(const struct fmt *f, int *nargs, struct argspec *a)
{
	(void)nargs;
	fix_ctl(f, a, 2, (uint32_t)f->args[1]);
}

void
fix_semctl(const struct fmt *f, int *nargs, struct argspec *a)
{
	(void)nargs;
	fix_ctl(f, a, 3, (uint32_t)f->args[2]);
}

static bool
print_sembuf_elem(struct fmt *f, const void *elem, void *data)
{
	struct sembuf sb;

	(void)data;
	memcpy(&sb, elem, sizeof(sb));
	pb_printf(f->b, "{sem_num=%u, sem_op=%d, sem_flg=", sb.sem_num,
		  sb.sem_op);
	print_flags(f->b, &semop_flags, (uint16_t)sb.sem_flg);
	pb_putc(f->b, '}');
	return true;
}

void
print_sembuf(struct fmt *f, uint64_t v, int i)
{
	print_array(f, v, (uint32_t)f->args[i + 1], sizeof(struct sembuf),
		    print_sembuf_elem, NULL);
}

/* msgsnd's {mtype=5, mtext="abc"} at entry; msgrcv's at exit. */
void
print_msgbuf(struct fmt *f, uint64_t v, int i)
{
	int64_t mtype;
	uint64_t len = f->args[i + 1];

	if (f->exiting) {
		if (is_error(f)) {
			print_ptr(f, v);
			return;
		}
		len = (uint64_t)f->rv;
	}
	if (!read_or_addr(f, &mtype, v, sizeof(mtype)))
		return;
	pb_printf(f->b, "{mtype=%lld, mtext=", (long long)mtype);
	print_str(f, v + sizeof(mtype), (long)len, 0);
	pb_putc(f->b, '}');
}

/* mq_open: the mode and attributes only with O_CREAT. */
void
fix_mq_open(const struct fmt *f, int *nargs, struct argspec *a)
{
	(void)a;
	if (!(f->args[1] & O_CREAT))
		*nargs = 2;
}

struct kmq_attr {
	int64_t mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs, pad[4];
};

static void
print_mq_attr(struct fmt *f, uint64_t addr, bool named_flags)
{
	struct kmq_attr attr;

	if (!read_or_addr(f, &attr, addr, sizeof(attr)))
		return;
	pb_puts(f->b, "{mq_flags=");
	if (named_flags)
		print_flags(f->b, &mq_attr_flags, (uint64_t)attr.mq_flags);
	else
		pb_printf(f->b, attr.mq_flags ? "%#llx" : "0",
			  (unsigned long long)attr.mq_flags);
	pb_printf(f->b, ", mq_maxmsg=%lld, mq_msgsize=%lld, mq_curmsgs=%lld}",
		  (long long)attr.mq_maxmsg, (long long)attr.mq_msgsize,
		  (long long)attr.mq_curmsgs);
}

void
print_mq_attr_in(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_mq_attr(f, v, f->nr != SYS_mq_open);
}

void
print_mq_attr_out(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if (is_error(f))
		print_ptr(f, v);
	else
		print_mq_attr(f, v, true);
}

/* mq_timedreceive's message: the bytes received, at exit. */
void
print_mq_msg_out(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if (is_error(f))
		print_ptr(f, v);
	else
		print_str(f, v, (long)f->rv, 0);
}

/* [prio] at exit, even when the call failed (strace's printnum_int). */
void
print_mq_prio_out(struct fmt *f, uint64_t v, int i)
{
	uint32_t prio;

	(void)i;
	if (is_error(f)) {
		print_ptr(f, v);
		return;
	}
	if (read_or_addr(f, &prio, v, sizeof(prio)))
		pb_printf(f->b, "[%u]", prio);
}

/* The timeout, read by the kernel at entry: shown the same on error. */
void
print_mq_timeout(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_timespec(f, v);
}

void
print_sigevent_arg(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_sigevent(f, v);
}

/* Keys. */
void
print_key_serial(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &key_specs, (uint64_t)(int64_t)(int32_t)v, true);
}

void
print_keyctl_cmd(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &keyctl_cmds, (uint32_t)(int32_t)v, false);
}

static void
print_uid_arg(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if ((uint32_t)v == UINT32_MAX)
		pb_puts(f->b, "-1");
	else
		pb_printf(f->b, "%u", (uint32_t)v);
}

static void
print_key_perm(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &key_perms, (uint32_t)v);
}

/* KEYCTL_DESCRIBE/READ/GET_SECURITY's buffer at exit: what was
   written, at most the buffer's size; without its NUL when a string. */
static void
print_key_read(struct fmt *f, uint64_t v, int i)
{
	uint64_t len = f->args[3];
	uint64_t n;

	(void)i;
	if (is_error(f)) {
		print_ptr(f, v);
		return;
	}
	n = f->rv >= 0 && (uint64_t)f->rv > len ? len : (uint64_t)f->rv;
	if (f->args[0] != KEYCTL_READ && n && v) {
		char last;

		/* strace's QUOTE_OMIT_TRAILING_0. */
		if (read_mem(f, &last, v + n - 1, 1) && last == '\0')
			n--;
	}
	print_str(f, v, (long)n, 0);
}

/* KEYCTL_REJECT's error: its name, under the -X styles. */
static void
print_key_error(struct fmt *f, uint64_t v, int i)
{
	const char *name = snare_errno_name((int)(uint32_t)v);

	(void)i;
	if (!name || f->b->xstyle != 0)
		pb_printf(f->b, "%u", (uint32_t)v);
	if (!name || f->b->xstyle == 1)
		return;
	if (f->b->xstyle == 0)
		pb_puts(f->b, name);
	else
		pb_printf(f->b, " /* %s */", name);
}

/* KEYCTL_SET_REQKEY_KEYRING: a KEY_REQKEY_DEFL_* number, signed. */
static void
print_key_reqkey(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_xval(f->b, &key_reqkeys, (uint64_t)(int64_t)(int32_t)v, true);
}

static void
print_key_move_flags(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	print_flags(f->b, &key_move_flags, (uint32_t)v);
}

/* KEYCTL_CAPABILITIES' bytes at exit: the first two as flags. */
static bool
print_key_cap_elem(struct fmt *f, const void *elem, void *data)
{
	unsigned *pos = data;
	uint8_t v = *(const uint8_t *)elem;

	if (*pos < 2)
		print_flags(f->b, *pos ? &key_caps1 : &key_caps0, v);
	else
		pb_printf(f->b, "%#x", v);
	++*pos;
	return true;
}

static void
print_key_caps(struct fmt *f, uint64_t v, int i)
{
	uint64_t len = f->args[2];
	unsigned pos = 0;

	(void)i;
	if (is_error(f)) {
		print_ptr(f, v);
		return;
	}
	if ((uint64_t)f->rv < len)
		len = (uint64_t)f->rv;
	print_array(f, v, len, 1, print_key_cap_elem, &pos);
}

/* KEYCTL_PKEY_QUERY's result, at exit. */
static void
print_key_pkey_query(struct fmt *f, uint64_t v, int i)
{
	struct keyctl_pkey_query q;
	bool spare = false;
	size_t k;

	(void)i;
	if (is_error(f)) {
		print_ptr(f, v);
		return;
	}
	if (!read_or_addr(f, &q, v, sizeof(q)))
		return;
	pb_puts(f->b, "{supported_ops=");
	print_flags(f->b, &key_pkey_ops, q.supported_ops);
	pb_printf(f->b, ", key_size=%u, max_data_size=%u, max_sig_size=%u, "
		  "max_enc_size=%u, max_dec_size=%u", q.key_size,
		  q.max_data_size, q.max_sig_size, q.max_enc_size,
		  q.max_dec_size);
	for (k = 0; k < sizeof(q.__spare) / sizeof(q.__spare[0]); k++)
		spare |= q.__spare[k] != 0;
	if (spare) {
		pb_puts(f->b, ", __spare=[");
		for (k = 0; k < sizeof(q.__spare) / sizeof(q.__spare[0]); k++)
			pb_printf(f->b, "%s%#x", k ? ", " : "", q.__spare[k]);
		pb_putc(f->b, ']');
	}
	pb_putc(f->b, '}');
}

/* The PKEY operations' parameters: {key_id=..., in_len=N, out_len=N}
   (in2_len for KEYCTL_PKEY_VERIFY); false when unreadable. */
static bool
read_pkey_params(struct fmt *f, struct keyctl_pkey_params *p)
{
	return read_mem(f, p, f->args[1], sizeof(*p));
}

static void
print_key_pkey_params(struct fmt *f, uint64_t v, int i)
{
	struct keyctl_pkey_params p;
	bool spare = false;
	size_t k, n = sizeof(p.__spare) / sizeof(p.__spare[0]);

	(void)i;
	if (!read_or_addr(f, &p, v, sizeof(p)))
		return;
	pb_puts(f->b, "{key_id=");
	print_key_serial(f, (uint32_t)p.key_id, 0);
	pb_printf(f->b, ", in_len=%u, %s=%u", p.in_len,
		  f->args[0] == KEYCTL_PKEY_VERIFY ? "in2_len" : "out_len",
		  p.out_len);
	for (k = 0; k < n; k++)
		spare |= p.__spare[k] != 0;
	if (spare) {
		pb_puts(f->b, ", __spare=[");
		for (k = 0; k < n; k++)
			pb_printf(f->b, "%s%#x", k ? ", " : "", p.__spare[k]);
		pb_putc(f->b, ']');
	}
	pb_putc(f->b, '}');
}

/* The input (and VERIFY's signature): in_len (in2_len) bytes. */
static void
print_key_pkey_in(struct fmt *f, uint64_t v, int i)
{
	struct keyctl_pkey_params p;

	if (!read_pkey_params(f, &p))
		print_ptr(f, v);
	else
		print_str(f, v, (long)(i == 3 ? p.in_len : p.in2_len), 0);
}

/* The output of ENCRYPT, DECRYPT and SIGN at exit: out_len bytes. */
static void
print_key_pkey_out(struct fmt *f, uint64_t v, int i)
{
	struct keyctl_pkey_params p;

	(void)i;
	if (is_error(f) || !read_pkey_params(f, &p))
		print_ptr(f, v);
	else
		print_str(f, v, (long)p.out_len, 0);
}

/* KEYCTL_DH_COMPUTE's parameters, at entry. */
static void
print_key_dh_params(struct fmt *f, uint64_t v, int i)
{
	struct keyctl_dh_params p;

	(void)i;
	if (!read_or_addr(f, &p, v, sizeof(p)))
		return;
	pb_puts(f->b, "{private=");
	print_key_serial(f, (uint32_t)p.private, 0);
	pb_puts(f->b, ", prime=");
	print_key_serial(f, (uint32_t)p.prime, 0);
	pb_puts(f->b, ", base=");
	print_key_serial(f, (uint32_t)p.base, 0);
	pb_putc(f->b, '}');
}

/* Its result, length and KDF parameters, all at exit. */
static void
print_key_dh_out(struct fmt *f, uint64_t v, int i)
{
	uint64_t len = f->args[3];
	struct keyctl_kdf_params k;
	bool spare = false;
	size_t j, n = sizeof(k.__spare) / sizeof(k.__spare[0]);

	if (i == 3) {
		pb_printf(f->b, "%llu", (unsigned long long)v);
		return;
	}
	if (i == 2) {
		if (is_error(f))
			print_ptr(f, v);
		else
			print_str(f, v, (long)((uint64_t)f->rv > len ?
					       len : (uint64_t)f->rv), 0);
		return;
	}
	if (!read_or_addr(f, &k, v, sizeof(k)))
		return;
	pb_puts(f->b, "{hashname=");
	print_str(f, (uint64_t)(uintptr_t)k.hashname, -1, 0);
	pb_puts(f->b, ", otherinfo=");
	if (k.otherinfolen)
		print_str(f, (uint64_t)(uintptr_t)k.otherinfo,
			  (long)k.otherinfolen, 0);
	else
		print_ptr(f, (uint64_t)(uintptr_t)k.otherinfo);
	pb_printf(f->b, ", otherinfolen=%u", k.otherinfolen);
	for (j = 0; j < n; j++)
		spare |= k.__spare[j] != 0;
	if (spare) {
		pb_puts(f->b, ", __spare=[");
		for (j = 0; j < n; j++)
			pb_printf(f->b, "%s%#x", j ? ", " : "", k.__spare[j]);
		pb_putc(f->b, ']');
	}
	pb_putc(f->b, '}');
}

#define K_SERIAL FN(print_key_serial)

void
fix_keyctl(const struct fmt *f, int *nargs, struct argspec *a)
{
	static const struct argspec hex = { .kind = A_HEX };

	a[1] = a[2] = a[3] = a[4] = hex;
	switch ((int)f->args[0]) {
	case KEYCTL_GET_KEYRING_ID:
		*nargs = 3;
		a[1] = (struct argspec)K_SERIAL;
		a[2] = (struct argspec){ .kind = A_INT };
		break;
	case KEYCTL_JOIN_SESSION_KEYRING:
		*nargs = 2;
		a[1] = (struct argspec){ .kind = A_STR };
		break;
	case KEYCTL_UPDATE:
		*nargs = 4;
		a[1] = (struct argspec)K_SERIAL;
		a[2] = (struct argspec){ .kind = A_BUF_IN, .aux = 3 };
		a[3] = (struct argspec){ .kind = A_ULONG };
		break;
	case KEYCTL_REVOKE: case KEYCTL_CLEAR: case KEYCTL_INVALIDATE:
	case KEYCTL_ASSUME_AUTHORITY:
		*nargs = 2;
		a[1] = (struct argspec)K_SERIAL;
		break;
	case KEYCTL_LINK: case KEYCTL_UNLINK:
		*nargs = 3;
		a[1] = a[2] = (struct argspec)K_SERIAL;
		break;
	case KEYCTL_DESCRIBE: case KEYCTL_READ: case KEYCTL_GET_SECURITY:
		*nargs = 4;
		a[1] = (struct argspec)K_SERIAL;
		a[2] = (struct argspec)FN_OUT(print_key_read);
		a[3] = (struct argspec){ .kind = A_ULONG };
		break;
	case KEYCTL_SEARCH:
		*nargs = 5;
		a[1] = a[4] = (struct argspec)K_SERIAL;
		a[2] = a[3] = (struct argspec){ .kind = A_STR };
		break;
	case KEYCTL_CHOWN:
		*nargs = 4;
		a[1] = (struct argspec)K_SERIAL;
		a[2] = a[3] = (struct argspec)FN(print_uid_arg);
		break;
	case KEYCTL_SETPERM:
		*nargs = 3;
		a[1] = (struct argspec)K_SERIAL;
		a[2] = (struct argspec)FN(print_key_perm);
		break;
	case KEYCTL_SET_TIMEOUT:
		*nargs = 3;
		a[1] = (struct argspec)K_SERIAL;
		a[2] = (struct argspec){ .kind = A_UINT };
		break;
	case KEYCTL_SESSION_TO_PARENT:
		*nargs = 1;
		break;
	case KEYCTL_INSTANTIATE:
		*nargs = 5;
		a[1] = a[4] = (struct argspec)K_SERIAL;
		a[2] = (struct argspec){ .kind = A_BUF_IN, .aux = 3 };
		a[3] = (struct argspec){ .kind = A_ULONG };
		break;
	case KEYCTL_INSTANTIATE_IOV:
		*nargs = 5;
		a[1] = a[4] = (struct argspec)K_SERIAL;
		a[2] = (struct argspec){ .kind = A_IOVEC_IN, .aux = 3 };
		a[3] = (struct argspec){ .kind = A_ULONG };
		break;
	case KEYCTL_NEGATE:
		*nargs = 4;
		a[1] = a[3] = (struct argspec)K_SERIAL;
		a[2] = (struct argspec){ .kind = A_UINT };
		break;
	case KEYCTL_REJECT:
		*nargs = 5;
		a[1] = a[4] = (struct argspec)K_SERIAL;
		a[2] = (struct argspec){ .kind = A_UINT };
		a[3] = (struct argspec)FN(print_key_error);
		break;
	case KEYCTL_SET_REQKEY_KEYRING:
		*nargs = 2;
		a[1] = (struct argspec)FN(print_key_reqkey);
		break;
	case KEYCTL_RESTRICT_KEYRING:
		*nargs = 4;
		a[1] = (struct argspec)K_SERIAL;
		a[2] = a[3] = (struct argspec){ .kind = A_STR };
		break;
	case KEYCTL_MOVE:
		*nargs = 5;
		a[1] = a[2] = a[3] = (struct argspec)K_SERIAL;
		a[4] = (struct argspec)FN(print_key_move_flags);
		break;
	case KEYCTL_CAPABILITIES:
		*nargs = 3;
		a[1] = (struct argspec)FN_OUT(print_key_caps);
		a[2] = (struct argspec){ .kind = A_ULONG };
		break;
	case KEYCTL_PKEY_QUERY:
		*nargs = 5;
		a[1] = (struct argspec)K_SERIAL;
		a[3] = (struct argspec){ .kind = A_STR };
		a[4] = (struct argspec)FN_OUT(print_key_pkey_query);
		break;
	case KEYCTL_PKEY_ENCRYPT: case KEYCTL_PKEY_DECRYPT:
	case KEYCTL_PKEY_SIGN: case KEYCTL_PKEY_VERIFY:
		*nargs = 5;
		a[1] = (struct argspec)FN(print_key_pkey_params);
		a[2] = (struct argspec){ .kind = A_STR };
		a[3] = (struct argspec)FN(print_key_pkey_in);
		a[4] = (struct argspec)FN(print_key_pkey_in);
		if (f->args[0] != KEYCTL_PKEY_VERIFY) {
			struct keyctl_pkey_params p;

			/* Unreadable parameters: the address at entry. */
			if (read_pkey_params((struct fmt *)f, &p))
				a[4] = (struct argspec)FN_OUT(
					print_key_pkey_out);
			else
				a[4] = (struct argspec){ .kind = A_PTR };
		}
		break;
	case KEYCTL_DH_COMPUTE:
		*nargs = 5;
		a[1] = (struct argspec)FN(print_key_dh_params);
		a[2] = a[3] = a[4] = (struct argspec)FN_OUT(print_key_dh_out);
		break;
	case KEYCTL_GET_PERSISTENT:
		*nargs = 3;
		a[1] = (struct argspec)FN(print_uid_arg);
		a[2] = (struct argspec)K_SERIAL;
		break;
	}
}
