/*
 * host_noio.c -- the I/O host services of rc_host.h for environments that
 * have no loop devices, fault injection, network namespaces, taps or packet
 * sockets (WebAssembly, the Linux kernel module). Each says what is missing
 * and where, so the cases that need it skip with that reason.
 *
 * Included by the environment's host file after it defines RCH_HERE, the
 * place as a phrase ("under WebAssembly"). An environment that provides
 * the network services and rch_target_sym itself defines RCH_OWN_NET; one
 * that has block devices to attach (bare metal) defines RCH_OWN_LOOP; one
 * whose hypervisor counts its heap (bare metal) defines RCH_OWN_HEAP; one
 * whose machine declares disks (bare metal) defines RCH_OWN_DISKS.
 */
#ifndef RCH_HERE
#error define RCH_HERE before including host_noio.c
#endif

#ifndef RCH_OWN_LOOP
int
rch_loop_attach(const char *path, char *dev, size_t devlen, const char **why)
{
	(void)path; (void)dev; (void)devlen;
	*why = "no loop devices " RCH_HERE;
	return -1;
}
#endif

#ifndef RCH_OWN_DISKS
int
rch_disks(struct rch_disk *disks, int max, const char **why)
{
	(void)disks; (void)max;
	*why = "no disks are declared for the hypervisor " RCH_HERE;
	return -1;
}
#endif

const char *
rch_unseekable_char_device(const char **why)
{
	*why = "no unseekable character device " RCH_HERE;
	return NULL;
}

int
rch_fds_exhaust(const char **why)
{
	*why = "descriptors cannot be exhausted " RCH_HERE;
	return -1;
}

void
rch_fds_release(void)
{
}

int
rch_limit_file_size(uint64_t bytes, const char **why)
{
	(void)bytes;
	*why = "file sizes cannot be limited " RCH_HERE;
	return -1;
}

#ifndef RCH_OWN_LOOP
int
rch_loop_attach_sector(const char *path, unsigned sector, char *dev, size_t devlen,
    const char **why)
{
	(void)sector;
	return rch_loop_attach(path, dev, devlen, why);
}

void
rch_loop_detach(const char *dev)
{
	(void)dev;
}
#endif

int
rch_inject_io_fault(const char *path_substring, int ops, int nb_errno,
    size_t short_bytes, int count, const char **why)
{
	(void)path_substring; (void)ops; (void)nb_errno; (void)short_bytes; (void)count;
	*why = "no host I/O fault injection " RCH_HERE;
	return -1;
}

int
rch_io_faults_fired(void)
{
	return 0;
}

int
rch_fail_thread_creates(int count, const char **why)
{
	(void)count;
	*why = "no host thread fault injection " RCH_HERE;
	return -1;
}

int
rch_thread_creates_failed(void)
{
	return 0;
}

int
rch_io_max_inflight(int reset)
{
	(void)reset;
	return -1;
}

int
rch_delay_io(const char *path_substring, int ops, unsigned delay_ms,
    int count, const char **why)
{
	(void)path_substring; (void)ops; (void)delay_ms; (void)count;
	*why = "no host I/O delays " RCH_HERE;
	return -1;
}

long
rch_file_unclean_pages(const char *path, uint64_t off, uint64_t len, int flush,
    const char **why)
{
	(void)path; (void)off; (void)len; (void)flush;
	*why = "no view of the host's page cache " RCH_HERE;
	return -1;
}

void *
rch_paged_out_copy(const void *src, size_t len, unsigned delay_ms, const char **why)
{
	(void)src; (void)len; (void)delay_ms;
	*why = "no memory paged out on demand " RCH_HERE;
	return NULL;
}

void
rch_paged_out_free(void *p)
{
	(void)p;
}

int
rch_refuse_io_ring(int how, const char **why)
{
	(void)how;
	*why = "no io_uring to refuse " RCH_HERE;
	return -1;
}

int
rch_wallclock_step(int64_t offset_ns, const char **why)
{
	(void)offset_ns;
	*why = "no stepped wall clock beneath the target " RCH_HERE;
	return -1;
}

#ifndef RCH_OWN_NET
int
rch_netns_private(const char **why)
{
	*why = "no network namespaces " RCH_HERE;
	return -1;
}

int
rch_tap_create(const char *name, unsigned mtu, const char **why)
{
	(void)name; (void)mtu;
	*why = "no tap devices " RCH_HERE;
	return -1;
}

int
rch_tap_delete(const char *name, const char **why)
{
	(void)name;
	*why = "no tap devices " RCH_HERE;
	return -1;
}

int
rch_packet_open(const char *ifname, unsigned ethertype, const char **why)
{
	(void)ifname; (void)ethertype;
	*why = "no packet sockets " RCH_HERE;
	return -1;
}

int
rch_packet_send(int h, const void *frame, size_t len)
{
	(void)h; (void)frame; (void)len;
	return -1;
}

int
rch_packet_link_queue(int h)
{
	(void)h;
	return 0;
}

long
rch_packet_recv(int h, void *buf, size_t len, unsigned timeout_ms)
{
	(void)h; (void)buf; (void)len; (void)timeout_ms;
	return -1;
}

void
rch_packet_close(int h)
{
	(void)h;
}
#endif /* !RCH_OWN_NET */

/* No descriptor table or thread list to count. */
int
rch_count_fds(void)
{
	return -1;
}

int
rch_count_threads(void)
{
	return -1;
}

int
rch_make_node(const char *path, int kind, const char *target, const char **why)
{
	(void)path; (void)kind; (void)target;
	*why = "no FIFOs, local sockets or symlinks are made " RCH_HERE;
	return -1;
}

int
rch_console_begin(const char **why)
{
	*why = "the console cannot be read back " RCH_HERE;
	return -1;
}

long
rch_console_end(char *buf, size_t len)
{
	(void)buf; (void)len;
	return -1;
}

long
rch_process_sleeps(const char **why)
{
	*why = "no per-thread switch counts " RCH_HERE;
	return -1;
}

int64_t
rch_thread_cpu_ns(const char **why)
{
	*why = "no per-thread CPU clock " RCH_HERE;
	return -1;
}

int64_t
rch_process_cpu_ns(const char **why)
{
	*why = "no process CPU clock " RCH_HERE;
	return -1;
}

int
rch_spinner_start(const char **why)
{
	*why = "no host thread to spin " RCH_HERE;
	return -1;
}

int64_t
rch_spinner_stop(void)
{
	return -1;
}

int
rch_thread_name(char *buf, size_t len, const char **why)
{
	(void)buf; (void)len;
	*why = "threads have no names " RCH_HERE;
	return -1;
}

#ifndef RCH_OWN_HEAP
int64_t
rch_heap_in_use(void)
{
	return -1;
}
#endif

int64_t
rch_mapped_bytes(void)
{
	return -1;
}

#ifndef RCH_OWN_NET
static char rch_noio_why[160];

/* Only dlopen'ed targets are searched; a linked-in one has no components. */
void *
rch_target_sym(const char *name, const char **why)
{
	rc_snprintf(rch_noio_why, sizeof(rch_noio_why), "no %s " RCH_HERE
	    ": the target is linked in without packet components", name);
	*why = rch_noio_why;
	return NULL;
}
#endif /* !RCH_OWN_NET */
