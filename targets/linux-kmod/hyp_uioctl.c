/*
 * hyp_uioctl.c -- ioctls whose driver copies its argument from user
 * memory (tun's TUNSETIFF), issued from kernel threads. The argument goes
 * through a page mapped in a borrowed user address space: the one of the
 * process that loaded the module, held from module init on.
 */
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/mman.h>
#include <linux/sched/mm.h>
#include <linux/uaccess.h>

#include "hyp.h"

static struct mm_struct *uioctl_mm;

void
hyp_uioctl_hold_mm(void)
{
	if (current->mm != NULL) {
		mmget(current->mm);
		uioctl_mm = current->mm;
	}
}

static long
uioctl_through(struct file *f, unsigned int cmd, void *arg, size_t len)
{
	unsigned long ua;
	long rv;

	ua = vm_mmap(NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, 0);
	if (IS_ERR_VALUE(ua))
		return (long)ua;
	if (copy_to_user((void __user *)ua, arg, len) != 0)
		rv = -EFAULT;
	else if ((rv = f->f_op->unlocked_ioctl(f, cmd, ua)) == 0 &&
	    copy_from_user(arg, (void __user *)ua, len) != 0)
		rv = -EFAULT;
	vm_munmap(ua, PAGE_SIZE);
	return rv;
}

/* 0 or a negative Linux errno; the caller must be a kernel thread. */
long
hyp_uioctl(struct file *f, unsigned int cmd, void *arg, size_t len)
{
	long rv;

	if (uioctl_mm == NULL || current->mm != NULL)
		return -ENOSYS;
	if (f->f_op->unlocked_ioctl == NULL)
		return -ENOTTY;
	if (len > PAGE_SIZE)
		return -EINVAL;
	kthread_use_mm(uioctl_mm);
	rv = uioctl_through(f, cmd, arg, len);
	kthread_unuse_mm(uioctl_mm);
	return rv;
}
