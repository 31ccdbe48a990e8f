/** The embedded DNS: what the rest of tcompose uses. */
export { DnsLabels, dnsLabelsFor, DEFAULT_DNS_INSTANCE } from './labels.js';
export { dnsServerAddressFor, ensureDnsDaemon, stopDnsDaemon, dnsStatus, createDnsIntegration, pingDnsDaemon } from './lifecycle.js';
export { formatDnsStatus, type DnsStatusSnapshot, type DnsStatusEntry } from './status.js';
export { startDnsDaemon, type RunningDnsDaemon, type DnsDaemonOptions } from './daemon.js';
export { DEFAULT_DNS_HOST_PORT } from './paths.js';
