/*
 * kmod_net.c -- the network host services of rc_host.h inside the guest
 * kernel: persistent taps on tun.ko, packet sockets made with
 * sock_create_kern, and rch_target_sym over the module's own components.
 */
#include <linux/fs.h>
#include <linux/if_packet.h>
#include <linux/if_tun.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/mman.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "rc_ktap.h"
#include "rc_target.h"
#include "kmod.h"
#include <rump/virtif_user.h>

#define PACKET_SOCKS	8
#define PACKET_BUFSZ	(8 << 20)

static struct socket *packet_socks[PACKET_SOCKS];

/* The guest is a QEMU machine of its own: its network is already private. */
int
rch_netns_private(const char **why)
{
	(void)why;
	return 0;
}

/*
 * The loading process's address space, held from module init: tun's
 * TUNSETIFF copies its ifreq from user memory. The harness has its own
 * way there, never the hypervisor's hyp_uioctl: a broken one would make
 * the host's taps fail too, and every virtif case skip instead of fail.
 */
static struct mm_struct *net_mm;

void
kmod_net_hold_mm(void)
{
	if (current->mm != NULL) {
		mmget(current->mm);
		net_mm = current->mm;
	}
}

/* TUNSETIFF on f from a kernel thread, ifr through a page of net_mm. */
static long
tun_setiff(struct file *f, struct ifreq *ifr)
{
	unsigned long ua;
	long error;

	if (net_mm == NULL || current->mm != NULL)
		return -ENOSYS;
	kthread_use_mm(net_mm);
	ua = vm_mmap(NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (IS_ERR_VALUE(ua)) {
		error = (long)ua;
	} else {
		error = copy_to_user((void __user *)ua, ifr, sizeof(*ifr)) != 0 ? -EFAULT :
		    f->f_op->unlocked_ioctl(f, TUNSETIFF, ua);
		vm_munmap(ua, PAGE_SIZE);
	}
	kthread_unuse_mm(net_mm);
	return error;
}

static int
tap_persist(const char *name)
{
	struct ifreq ifr;
	struct file *f;
	long error;

	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	strscpy(ifr.ifr_name, name, sizeof(ifr.ifr_name));
	f = filp_open("/dev/net/tun", O_RDWR, 0);
	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	error = tun_setiff(f, &ifr);
	if (error == 0)
		error = f->f_op->unlocked_ioctl(f, TUNSETPERSIST, 1);
	filp_close(f, NULL);
	return (int)error;
}

/* No IPv6 chatter (router solicitations) on the test's wire. */
static void
tap_no_ipv6(const char *name)
{
	char path[96];
	struct file *f;
	loff_t pos = 0;

	snprintf(path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/disable_ipv6", name);
	f = filp_open(path, O_WRONLY, 0);
	if (IS_ERR(f))
		return;
	(void)kernel_write(f, "1", 1, &pos);
	filp_close(f, NULL);
}

static int
tap_mtu_up(const char *name, unsigned mtu)
{
	struct net_device *dev = dev_get_by_name(&init_net, name);
	int error;

	if (dev == NULL)
		return -ENODEV;
	rtnl_lock();
	error = dev_set_mtu(dev, (int)mtu);
	if (error == 0)
		error = dev_change_flags(dev, dev->flags | IFF_UP, NULL);
	rtnl_unlock();
	dev_put(dev);
	return error;
}

int
rch_tap_create(const char *name, unsigned mtu, const char **why)
{
	if (strlen(name) >= IFNAMSIZ) {
		*why = "tap name too long";
		return -1;
	}
	if (tap_persist(name) != 0) {
		*why = "cannot create a tap device (is tun.ko loaded?)";
		return -1;
	}
	tap_no_ipv6(name);
	if (tap_mtu_up(name, mtu) != 0) {
		*why = "cannot set the tap's MTU or bring it up";
		return -1;
	}
	return 0;
}

static int
packet_bind(struct socket *s, const char *ifname, unsigned ethertype)
{
	struct net_device *dev = dev_get_by_name(&init_net, ifname);
	struct sockaddr_ll sll;

	if (dev == NULL)
		return -ENODEV;
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons((u16)ethertype);
	sll.sll_ifindex = dev->ifindex;
	dev_put(dev);
	return kernel_bind(s, (struct sockaddr *)&sll, sizeof(sll));
}

int
rch_tap_delete(const char *name, const char **why)
{
	(void)name;
	*why = "deleting a tap under a live interface is not done in the guest module (the host-side case covers it)";
	return -1;
}

int
rch_packet_open(const char *ifname, unsigned ethertype, const char **why)
{
	struct socket *s;
	int h;

	for (h = 0; h < PACKET_SOCKS && packet_socks[h] != NULL; h++)
		continue;
	if (h == PACKET_SOCKS) {
		*why = "all packet socket slots of the module are in use";
		return -1;
	}
	if (sock_create_kern(&init_net, AF_PACKET, SOCK_RAW, htons((u16)ethertype), &s) != 0) {
		*why = "cannot open a packet socket (sock_create_kern failed)";
		return -1;
	}
	if (packet_bind(s, ifname, ethertype) != 0) {
		*why = "cannot bind a packet socket to the tap";
		sock_release(s);
		return -1;
	}
	sock_set_rcvbuf(s->sk, PACKET_BUFSZ);
	WRITE_ONCE(s->sk->sk_sndbuf, PACKET_BUFSZ);
	packet_socks[h] = s;
	return h;
}

static struct socket *
packet_sock(int h)
{
	return h >= 0 && h < PACKET_SOCKS ? packet_socks[h] : NULL;
}

int
rch_packet_send(int h, const void *frame, size_t len)
{
	struct socket *s = packet_sock(h);
	struct kvec kv = { (void *)frame, len };
	struct msghdr msg;
	int n;

	if (s == NULL)
		return -1;
	do {
		memset(&msg, 0, sizeof(msg));
		n = kernel_sendmsg(s, &msg, &kv, 1, len);
		if (n == -ENOBUFS)
			rch_yield();
	} while (n == -ENOBUFS || n == -EINTR);
	return n == (int)len ? 0 : -1;
}

/* Frames this socket itself sent out are not incoming. */
long
rch_packet_recv(int h, void *buf, size_t len, unsigned timeout_ms)
{
	struct socket *s = packet_sock(h);
	u64 end = rch_mono_ns() + (u64)timeout_ms * NSEC_PER_MSEC;
	struct kvec kv = { buf, len };
	struct sockaddr_ll from;
	struct msghdr msg;
	u64 now;
	int n;

	if (s == NULL)
		return -1;
	while ((now = rch_mono_ns()) < end) {
		WRITE_ONCE(s->sk->sk_rcvtimeo,
		    (long)max(nsecs_to_jiffies(end - now), 1UL));
		memset(&msg, 0, sizeof(msg));
		msg.msg_name = &from;
		msg.msg_namelen = sizeof(from);
		n = kernel_recvmsg(s, &msg, &kv, 1, len, 0);
		if (n == -EAGAIN || n == -EINTR)
			continue;
		if (n < 0 || from.sll_pkttype != PACKET_OUTGOING)
			return n < 0 ? -1 : n;
	}
	return 0;
}

void
rch_packet_close(int h)
{
	struct socket *s = packet_sock(h);

	if (s == NULL)
		return;
	packet_socks[h] = NULL;
	sock_release(s);
}

/* The tap's queue towards its reader is its tx_queue_len. */
int
rch_packet_link_queue(int h)
{
	struct socket *s = packet_sock(h);
	struct sockaddr_ll sll;
	struct net_device *dev;
	int qlen;

	if (s == NULL || kernel_getsockname(s, (struct sockaddr *)&sll) < 0)
		return 0;
	if ((dev = dev_get_by_index(sock_net(s->sk), sll.sll_ifindex)) == NULL)
		return 0;
	qlen = (int)min_t(unsigned int, READ_ONCE(dev->tx_queue_len), INT_MAX);
	dev_put(dev);
	return qlen;
}

/* The module's own packet components, as a dlsym would find them. */
static const struct {
	const char *name;
	void *addr;
} components[] = {
	{ "rumpcomp_virt_create", rumpcomp_virt_create },
	{ "rumpcomp_virt_dying", rumpcomp_virt_dying },
	{ "rumpcomp_virt_destroy", rumpcomp_virt_destroy },
	{ "rumpcomp_virt_send", rumpcomp_virt_send },
};

void *
rch_target_sym(const char *name, const char **why)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(components); i++)
		if (strcmp(components[i].name, name) == 0)
			return components[i].addr;
	*why = "the module has no such component";
	return NULL;
}
