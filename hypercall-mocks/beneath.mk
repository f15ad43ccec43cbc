# beneath.mk -- the build of a library linked beneath a dlopen'd target
# (faultinj/, clockstep/): the library's Makefile sets SRCDIR, LIB (its
# name: LIB.c, LIB.h, libLIB.so) and LDLIBS, then includes this.

O	?= $(SRCDIR)
CFLAGS	?= -O2 -g

all: $(O)/lib$(LIB).so

$(O)/lib$(LIB).so: $(SRCDIR)/$(LIB).c $(SRCDIR)/$(LIB).h
	$(CC) -std=gnu11 -Wall -Wextra -Werror -fPIC -shared \
	    -Wl,-soname,lib$(LIB).so $(CFLAGS) -o $@ $(SRCDIR)/$(LIB).c $(LDLIBS)

clean:
	rm -f $(O)/lib$(LIB).so

.PHONY: all clean
