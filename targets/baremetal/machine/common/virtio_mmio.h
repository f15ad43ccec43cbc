/* virtio_mmio.h -- the virt machines' legacy virtio-mmio devices: block, network, entropy. */
#ifndef BM_VIRTIO_MMIO_H
#define BM_VIRTIO_MMIO_H

/* Find and set up every device in the 32 slots (the first -device first). */
void virtio_probe(void);

#endif /* BM_VIRTIO_MMIO_H */
