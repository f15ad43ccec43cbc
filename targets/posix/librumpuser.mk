# librumpuser.mk -- what the POSIX and fiber Makefiles share: flags, both
# forms of interface 17 built from the same sources, the object rules for
# $(SRCDIR)/*.c, clean.  The including Makefile sets SRCDIR, CPPFLAGS_RUMP
# (without RUMPUSER_2020), SRCS and OBJS (under $(OBJDIR)) first.
#
# The pre-2020 form (dl_bootstrap with three arguments, no mutex_spin_p) is
# what deployed kernels (buildrump.sh, rumprun) call: it is the default
# library, with the SONAME those kernels' librump.so asks for, so
# LD_LIBRARY_PATH=$(O) alone hosts them.  The 2020 form (RUMPUSER_2020)
# is librumpuser-2020.so; $(O)/2020/librumpuser.so.0 points at it for a
# kernel built from NetBSD sources of 2020 or later.

O	?= .
OBJDIR	?= $(O)/obj
OBJDIR_2020 = $(OBJDIR)-2020
OBJS_2020 = $(OBJS:$(OBJDIR)/%=$(OBJDIR_2020)/%)

# CC and AR come from make's defaults (cc, ar) unless overridden.
CFLAGS	?= -O2 -g
CFLAGS_EXTRA ?=
WARNS	= -Wall -Wextra -Werror
ALL_CFLAGS = -std=gnu11 $(WARNS) -fPIC -fvisibility=hidden -pthread \
	  $(CFLAGS) $(CFLAGS_EXTRA) $(CPPFLAGS_RUMP) $(CPPFLAGS)
LDLIBS	= -pthread -ldl
SOFLAGS	= -shared -Wl,-z,defs -Wl,-Bsymbolic-functions $(CFLAGS) $(CFLAGS_EXTRA) $(LDFLAGS)

all: $(O)/librumpuser.so $(O)/librumpuser.so.0 $(O)/librumpuser.a \
     $(O)/librumpuser-2020.so $(O)/2020/librumpuser.so.0 $(O)/librumpuser-2020.a

$(O)/librumpuser.so: $(OBJS)
	$(CC) $(SOFLAGS) -Wl,-soname,librumpuser.so.0 -o $@ $(OBJS) $(LDLIBS)

$(O)/librumpuser.so.0: $(O)/librumpuser.so
	ln -sf librumpuser.so $@

$(O)/librumpuser-2020.so: $(OBJS_2020)
	$(CC) $(SOFLAGS) -Wl,-soname,librumpuser-2020.so.0 -o $@ $(OBJS_2020) $(LDLIBS)

$(O)/2020/librumpuser.so.0: $(O)/librumpuser-2020.so
	mkdir -p $(O)/2020
	ln -sf ../librumpuser-2020.so $@

$(O)/librumpuser.a: $(OBJS)
	rm -f $@
	$(AR) rcs $@ $(OBJS)

$(O)/librumpuser-2020.a: $(OBJS_2020)
	rm -f $@
	$(AR) rcs $@ $(OBJS_2020)

$(OBJDIR)/%.o: $(SRCDIR)/%.c | $(OBJDIR)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(OBJDIR_2020)/%.o: $(SRCDIR)/%.c | $(OBJDIR_2020)
	$(CC) $(ALL_CFLAGS) -DRUMPUSER_2020 -MMD -MP -c -o $@ $<

# A change of flags (of form) rebuilds the objects.
$(OBJS) $(OBJS_2020): $(MAKEFILE_LIST)

$(OBJDIR) $(OBJDIR_2020):
	mkdir -p $@

clean:
	rm -rf $(OBJDIR) $(OBJDIR_2020) $(O)/2020 $(O)/librumpuser.so \
	    $(O)/librumpuser.so.0 $(O)/librumpuser.a $(O)/librumpuser-2020.so \
	    $(O)/librumpuser-2020.a

.PHONY: all clean

-include $(OBJS:.o=.d) $(OBJS_2020:.o=.d)
