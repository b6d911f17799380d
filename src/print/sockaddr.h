/* SPDX-License-Identifier: MIT */
/*
 * sockaddr.h: the name tables of the socket address families
 * (sockaddr_names.c), shared with their printers (sockaddr.c).
 */
#ifndef SNARE_PRINT_SOCKADDR_H
#define SNARE_PRINT_SOCKADDR_H

#include "print.h"

extern const struct xlat sa_eth_protos, sa_arphrd, sa_pkttypes,
	sa_hci_channels, sa_bdaddr_types, sa_l2_cids, sa_l2_psms,
	sa_rxrpc_services, sa_ieee_addr_types, sa_ieee_addrs, sa_ieee_pan_ids,
	sa_alg_flags, sa_nfc_saps, sa_nfc_protos, sa_vsock_cids,
	sa_vsock_ports, sa_vsock_flags, sa_qrtr_nodes, sa_qrtr_ports,
	sa_xdp_flags, sa_mctp_addrs, sa_mctp_nets;

#endif
