/* pc.h -- between the pc machine's files. */
#ifndef BAREMETAL_PC_H
#define BAREMETAL_PC_H

/* Find the legacy virtio-pci disks and NICs on bus 0 and set them up. */
void pc_virtio_init(void);

#endif /* BAREMETAL_PC_H */
