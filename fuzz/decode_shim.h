/* SPDX-License-Identifier: MIT */
/*
 * decode_shim.h: forced into every source of the decoders' fuzz build
 * (fuzz_decode), it sends the printer's reads of the tracee to the
 * fuzzer's fake memory instead of a process.
 */
#ifndef SNARE_FUZZ_DECODE_SHIM_H
#define SNARE_FUZZ_DECODE_SHIM_H

#define snare_mem_read fz_mem_read
#define snare_mem_read_str fz_mem_read_str
#define snare__mem_peek fz_mem_read
#define snare__mem_peek_str fz_mem_peek_str
#define snare_proc_pid fz_proc_pid
#define snare__proc_fmt_slot fz_proc_fmt_slot
#define snare__proc_thread_in_syscall fz_proc_thread_in_syscall
#define snare_reg_get fz_reg_get
#define snare_vreg_get fz_vreg_get
#define snare_thread_sp fz_thread_sp
#define snare_thread_proc fz_thread_proc

#endif
