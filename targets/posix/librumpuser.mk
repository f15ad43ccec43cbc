# librumpuser.mk -- what the POSIX and fiber Makefiles share: flags, the
# shared object and the archive from $(OBJS), the object rule for
# $(SRCDIR)/*.c, clean.  The including Makefile sets SRCDIR, CPPFLAGS_RUMP,
# SRCS and OBJS first.

O	?= .
OBJDIR	?= $(O)/obj

# CC and AR come from make's defaults (cc, ar) unless overridden.
CFLAGS	?= -O2 -g
CFLAGS_EXTRA ?=
WARNS	= -Wall -Wextra -Werror
ALL_CFLAGS = -std=gnu11 $(WARNS) -fPIC -fvisibility=hidden -pthread \
	  $(CFLAGS) $(CFLAGS_EXTRA) $(CPPFLAGS_RUMP) $(CPPFLAGS)
LDLIBS	= -pthread -ldl

all: $(O)/librumpuser.so $(O)/librumpuser.a

$(O)/librumpuser.so: $(OBJS)
	$(CC) -shared -Wl,-soname,librumpuser.so -Wl,-z,defs \
	    -Wl,-Bsymbolic-functions \
	    $(CFLAGS) $(CFLAGS_EXTRA) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(O)/librumpuser.a: $(OBJS)
	rm -f $@
	$(AR) rcs $@ $(OBJS)

$(OBJDIR)/%.o: $(SRCDIR)/%.c | $(OBJDIR)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(OBJDIR):
	mkdir -p $@

clean:
	rm -rf $(OBJDIR) $(O)/librumpuser.so $(O)/librumpuser.a

.PHONY: all clean

-include $(OBJS:.o=.d)
