/* SPDX-License-Identifier: MIT */
/*
 * sys_ipcds.c: the buffers of shmctl, msgctl and semctl, as strace 6.1
 * prints them: the *id_ds structures (IPC_STAT and its *_STAT kin at
 * exit, IPC_SET's few fields at entry) and the limits and usage of
 * IPC_INFO and *_INFO at exit. Other commands show the address.
 */
#define _GNU_SOURCE
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>

#include "decoders.h"

#define KIPC_64 0x0100

/* An id: -1, or the number unsigned. */
static void
print_ds_id(struct pbuf *b, const char *name, uint32_t v)
{
	if (v == UINT32_MAX)
		pb_printf(b, "%s=-1", name);
	else
		pb_printf(b, "%s=%u", name, v);
}

/* {uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0}; IPC_SET: the first
   three, the ones the kernel takes. */
static void
print_ipc_perm(struct pbuf *b, const struct ipc_perm *p, bool set)
{
	pb_puts(b, "{");
	print_ds_id(b, "uid", p->uid);
	print_ds_id(b, ", gid", p->gid);
	pb_printf(b, ", mode=%#03o", (unsigned)p->mode);
	if (!set) {
		pb_printf(b, ", key=%u", (unsigned)p->__key);
		print_ds_id(b, ", cuid", p->cuid);
		print_ds_id(b, ", cgid", p->cgid);
	}
	pb_puts(b, "}");
}

static void
print_shmid_ds(struct fmt *f, uint64_t addr, bool set)
{
	struct shmid_ds ds;

	if (!read_or_addr(f, &ds, addr, sizeof(ds)))
		return;
	pb_puts(f->b, "{shm_perm=");
	print_ipc_perm(f->b, &ds.shm_perm, set);
	if (!set) {
		pb_printf(f->b, ", shm_segsz=%llu, shm_cpid=",
			  (unsigned long long)ds.shm_segsz);
		print_pid(f, ds.shm_cpid);
		pb_puts(f->b, ", shm_lpid=");
		print_pid(f, ds.shm_lpid);
		pb_printf(f->b, ", shm_nattch=%llu, shm_atime=%llu, "
			  "shm_dtime=%llu, shm_ctime=%llu",
			  (unsigned long long)ds.shm_nattch,
			  (unsigned long long)ds.shm_atime,
			  (unsigned long long)ds.shm_dtime,
			  (unsigned long long)ds.shm_ctime);
	}
	pb_puts(f->b, "}");
}

static void
print_msqid_ds(struct fmt *f, uint64_t addr, bool set)
{
	struct msqid_ds ds;

	if (!read_or_addr(f, &ds, addr, sizeof(ds)))
		return;
	pb_puts(f->b, "{msg_perm=");
	print_ipc_perm(f->b, &ds.msg_perm, set);
	if (!set)
		pb_printf(f->b, ", msg_stime=%llu, msg_rtime=%llu, "
			  "msg_ctime=%llu, msg_qnum=%llu",
			  (unsigned long long)ds.msg_stime,
			  (unsigned long long)ds.msg_rtime,
			  (unsigned long long)ds.msg_ctime,
			  (unsigned long long)ds.msg_qnum);
	pb_printf(f->b, ", msg_qbytes=%llu", (unsigned long long)ds.msg_qbytes);
	if (!set)
		pb_printf(f->b, ", msg_lspid=%d, msg_lrpid=%d",
			  (int)ds.msg_lspid, (int)ds.msg_lrpid);
	pb_puts(f->b, "}");
}

/* strace reads semid_ds whether or not the call failed. */
static void
print_semid_ds(struct fmt *f, uint64_t addr, bool set)
{
	struct semid_ds ds;

	if (!addr || !read_mem(f, &ds, addr, sizeof(ds))) {
		print_ptr(f, addr);
		return;
	}
	pb_puts(f->b, "{sem_perm=");
	print_ipc_perm(f->b, &ds.sem_perm, set);
	if (!set)
		pb_printf(f->b, ", sem_otime=%llu, sem_ctime=%llu, "
			  "sem_nsems=%llu",
			  (unsigned long long)ds.sem_otime,
			  (unsigned long long)ds.sem_ctime,
			  (unsigned long long)ds.sem_nsems);
	pb_puts(f->b, "}");
}

static void
print_shm_ipc_info(struct fmt *f, uint64_t addr)
{
	struct shminfo in;

	if (!read_or_addr(f, &in, addr, sizeof(in)))
		return;
	pb_printf(f->b, "{shmmax=%llu, shmmin=%llu, shmmni=%llu, "
		  "shmseg=%llu, shmall=%llu}",
		  (unsigned long long)in.shmmax, (unsigned long long)in.shmmin,
		  (unsigned long long)in.shmmni, (unsigned long long)in.shmseg,
		  (unsigned long long)in.shmall);
}

static void
print_shm_info(struct fmt *f, uint64_t addr)
{
	struct shm_info in;

	if (!read_or_addr(f, &in, addr, sizeof(in)))
		return;
	pb_printf(f->b, "{used_ids=%d, shm_tot=%llu, shm_rss=%llu, "
		  "shm_swp=%llu, swap_attempts=%llu, swap_successes=%llu}",
		  in.used_ids, (unsigned long long)in.shm_tot,
		  (unsigned long long)in.shm_rss,
		  (unsigned long long)in.shm_swp,
		  (unsigned long long)in.swap_attempts,
		  (unsigned long long)in.swap_successes);
}

static void
print_msginfo(struct fmt *f, uint64_t addr)
{
	struct msginfo in;

	if (!read_or_addr(f, &in, addr, sizeof(in)))
		return;
	pb_printf(f->b, "{msgpool=%d, msgmap=%d, msgmax=%d, msgmnb=%d, "
		  "msgmni=%d, msgssz=%d, msgtql=%d, msgseg=%u}",
		  in.msgpool, in.msgmap, in.msgmax, in.msgmnb, in.msgmni,
		  in.msgssz, in.msgtql, (unsigned)in.msgseg);
}

static void
print_seminfo(struct fmt *f, uint64_t addr)
{
	struct seminfo in;

	if (!read_or_addr(f, &in, addr, sizeof(in)))
		return;
	pb_printf(f->b, "{semmap=%d, semmni=%d, semmns=%d, semmnu=%d, "
		  "semmsl=%d, semopm=%d, semume=%d, semusz=%d, semvmx=%d, "
		  "semaem=%d}",
		  in.semmap, in.semmni, in.semmns, in.semmnu, in.semmsl,
		  in.semopm, in.semume, in.semusz, in.semvmx, in.semaem);
}

static uint32_t
ctl_cmd(const struct fmt *f)
{
	return (uint32_t)f->args[f->nr == SYS_semctl ? 2 : 1] & ~KIPC_64;
}

/* IPC_SET's structure, at entry. */
void
print_ipc_ds_set(struct fmt *f, uint64_t v, int i)
{
	(void)i;
	if (f->nr == SYS_shmctl)
		print_shmid_ds(f, v, true);
	else if (f->nr == SYS_msgctl)
		print_msqid_ds(f, v, true);
	else
		print_semid_ds(f, v, true);
}

/* What the *_STAT and *_INFO commands filled, at exit. */
void
print_ipc_ds_out(struct fmt *f, uint64_t v, int i)
{
	uint32_t cmd = ctl_cmd(f);

	(void)i;
	if (f->nr == SYS_semctl && cmd != IPC_INFO && cmd != SEM_INFO) {
		print_semid_ds(f, v, false);
		return;
	}
	if (is_error(f)) {
		print_ptr(f, v);
		return;
	}
	if (f->nr == SYS_shmctl) {
		if (cmd == IPC_INFO)
			print_shm_ipc_info(f, v);
		else if (cmd == SHM_INFO)
			print_shm_info(f, v);
		else
			print_shmid_ds(f, v, false);
	} else if (f->nr == SYS_msgctl) {
		if (cmd == IPC_INFO || cmd == MSG_INFO)
			print_msginfo(f, v);
		else
			print_msqid_ds(f, v, false);
	} else {
		print_seminfo(f, v);
	}
}
