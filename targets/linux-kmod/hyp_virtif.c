/*
 * hyp_virtif.c -- the virtif packet hypercalls (base "virt") on tap
 * devices of the guest kernel: /dev/net/tun opened non-blocking, TUNSETIFF
 * through hyp_uioctl. A reader thread per interface sleeps on the tun
 * file's wait queue and delivers each frame as a component kernel thread.
 */
#include <linux/fs.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/uio.h>

#include "hyp.h"
#include <rump/virtif_user.h>

#define VIF_FRAMEMAX	9018	/* a jumbo frame with its FCS */

struct virtif_user {
	struct file	*tap;
	struct virtif_sc *sc;
	struct task_struct *reader;
	struct mutex	deliver;	/* held across a delivery */
	bool		dying;		/* under deliver */
	wait_queue_head_t *tapq;	/* the tun file's, from its poll */
	wait_queue_entry_t wait;	/* wakes the reader */
	poll_table	pt;
	unsigned char	*frame;
};

/*
 * "N" names tun<N>, as the reference does; anything else is the name.
 * A name the host cannot hold is refused rather than cut short.
 */
static int
vif_ifname(const char *devstr, char *name, size_t len)
{
	const char *p = devstr;
	int n;

	while (*p >= '0' && *p <= '9')
		p++;
	if (p != devstr && *p == '\0')
		n = snprintf(name, len, "tun%s", devstr);
	else
		n = snprintf(name, len, "%s", devstr);
	return n > 0 && (size_t)n < len ? 0 : -EINVAL;
}

static struct file *
vif_opentap(const char *devstr)
{
	struct ifreq ifr;
	struct file *f;
	long error;

	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	if ((error = vif_ifname(devstr, ifr.ifr_name, sizeof(ifr.ifr_name))) != 0)
		return ERR_PTR(error);
	f = filp_open("/dev/net/tun", O_RDWR | O_NONBLOCK, 0);
	if (IS_ERR(f))
		return f;
	if ((error = hyp_uioctl(f, TUNSETIFF, &ifr, sizeof(ifr))) != 0) {
		filp_close(f, NULL);
		return ERR_PTR(error);
	}
	return f;
}

/* Deliver one frame unless the interface is dying; false once it is. */
static bool
vif_deliver(struct virtif_user *viu, size_t len)
{
	struct rumpuser_iovec iov = { viu->frame, len };
	bool alive;

	mutex_lock(&viu->deliver);
	if ((alive = !viu->dying)) {
		rumpuser_component_schedule(NULL);
		rump_virtif_virt_deliverpkt(viu->sc, (struct iovec *)(void *)&iov, 1);
		rumpuser_component_unschedule();
	}
	mutex_unlock(&viu->deliver);
	return alive;
}

static bool
vif_tap_readable(struct virtif_user *viu)
{
	return (vfs_poll(viu->tap, NULL) & EPOLLIN) != 0;
}

static int
vif_reader(void *arg)
{
	struct virtif_user *viu = arg;
	loff_t pos;
	ssize_t n;

	rumpuser_component_kthread();
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (READ_ONCE(viu->dying))
			break;
		if (!vif_tap_readable(viu)) {
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		pos = 0;
		n = kernel_read(viu->tap, viu->frame, VIF_FRAMEMAX, &pos);
		if (n > 0 && !vif_deliver(viu, (size_t)n))
			break;
	}
	__set_current_state(TASK_RUNNING);
	rumpuser_component_kthread_release();
	hyp_self_exit();
	return 0;
}

/* tun's poll hands us its wait queue: the reader sleeps there. */
static void
vif_queue_proc(struct file *f, wait_queue_head_t *wqh, poll_table *pt)
{
	struct virtif_user *viu = container_of(pt, struct virtif_user, pt);

	viu->tapq = wqh;
	init_waitqueue_entry(&viu->wait, viu->reader);
	add_wait_queue(wqh, &viu->wait);
}

static int
vif_start_reader(struct virtif_user *viu)
{
	struct task_struct *t = kthread_create(vif_reader, viu, "rump-virtif");

	if (IS_ERR(t))
		return (int)PTR_ERR(t);
	viu->reader = get_task_struct(t);
	init_poll_funcptr(&viu->pt, vif_queue_proc);
	vfs_poll(viu->tap, &viu->pt);
	wake_up_process(t);
	return 0;
}

static void
vif_free(struct virtif_user *viu)
{
	if (viu->tapq != NULL)
		remove_wait_queue(viu->tapq, &viu->wait);
	if (viu->tap != NULL && !IS_ERR(viu->tap))
		filp_close(viu->tap, NULL);
	kvfree(viu->frame);
	kfree(viu);
}

static int
vif_create(const char *devstr, struct virtif_sc *sc, struct virtif_user **viup)
{
	struct virtif_user *viu;
	int error;

	if ((viu = kzalloc(sizeof(*viu), GFP_KERNEL)) == NULL ||
	    (viu->frame = kvmalloc(VIF_FRAMEMAX, GFP_KERNEL)) == NULL) {
		kfree(viu);
		return -ENOMEM;
	}
	viu->sc = sc;
	mutex_init(&viu->deliver);
	viu->tap = vif_opentap(devstr);
	if (IS_ERR(viu->tap)) {
		error = (int)PTR_ERR(viu->tap);
		vif_free(viu);
		return error;
	}
	if ((error = vif_start_reader(viu)) != 0) {
		vif_free(viu);
		return error;
	}
	*viup = viu;
	return 0;
}

/* The MAC the kernel chose stays: a tap has no hardware address to impose. */
int
rumpcomp_virt_create(const char *devstr, struct virtif_sc *sc,
    uint8_t *enaddr, struct virtif_user **viup)
{
	void *cookie;
	int error;

	(void)enaddr;
	if (devstr == NULL || viup == NULL)
		return NB_EINVAL;
	cookie = rumpuser_component_unschedule();
	error = vif_create(devstr, sc, viup);
	rumpuser_component_schedule(cookie);
	return hyp_errtrans(error);
}

static void
vif_stop(struct virtif_user *viu)
{
	mutex_lock(&viu->deliver);
	WRITE_ONCE(viu->dying, true);
	mutex_unlock(&viu->deliver);
	wake_up_process(viu->reader);
}

int
rumpcomp_virt_dying(struct virtif_user *viu)
{
	void *cookie = rumpuser_component_unschedule();

	vif_stop(viu);
	rumpuser_component_schedule(cookie);
	return 0;
}

/* kthread_stop also joins a reader that has returned already. */
void
rumpcomp_virt_destroy(struct virtif_user *viu)
{
	void *cookie = rumpuser_component_unschedule();

	vif_stop(viu);
	kthread_stop(viu->reader);
	put_task_struct(viu->reader);
	vif_free(viu);
	rumpuser_component_schedule(cookie);
}

/* The kernel frees the chain when this returns: the tap has copied it. */
void
rumpcomp_virt_send(struct virtif_user *viu, struct iovec *iov, size_t iovlen)
{
	const struct rumpuser_iovec *ruiov = (const struct rumpuser_iovec *)(void *)iov;
	void *cookie = rumpuser_component_unschedule();
	struct iov_iter iter;
	size_t i, total = 0;
	loff_t pos = 0;

	for (i = 0; i < iovlen; i++)
		total += ruiov[i].iov_len;
	iov_iter_kvec(&iter, WRITE, (const struct kvec *)ruiov, iovlen, total);
	(void)vfs_iter_write(viu->tap, &iter, &pos, 0);	/* drops are allowed */
	rumpuser_component_schedule(cookie);
}
