/* virtio.h -- the virt machine's legacy virtio-mmio devices: block, network, entropy. */
#ifndef VIRT_VIRTIO_H
#define VIRT_VIRTIO_H

/* Find and set up every device in the 32 slots (the first -device first). */
void virtio_probe(void);

#endif /* VIRT_VIRTIO_H */
