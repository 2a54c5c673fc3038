#!/bin/sh
# gcc-speaking front for `zig cc|ar|ranlib` (python.sh makes one shim per tool and target).
# ZIG, TARGET (e.g. x86_64-linux-gnu.2.28) and TOOL come from the shim. The translations:
#  - -Wl,-h<name> -> -Wl,-soname,<name>: zig's linker front knows only the long spelling;
#  - drop -I/-L under /usr and /usr/local: setup.py adds the build host's multiarch folders, whose
#    headers and libraries belong to the host's glibc 2.36 and would leak newer symbol versions in;
#  - zig cc turns -Wdate-time into an error (for reproducible builds), but Modules/getbuildinfo.c
#    stamps __DATE__/__TIME__ into sys.version: -Wno-date-time goes last;
#  - a link with no source file (libpython3.so is linked from libpython3.11.so alone) gets an empty one,
#    since zig cc wants at least one compilation input to pick the link mode.
case "$TOOL" in
  ar) exec "$ZIG" ar "$@" ;;
  ranlib) exec "$ZIG" ranlib "$@" ;;
esac
has_src=0; linking=1
for a in "$@"; do
  case "$a" in
    -c|-E|-S|-M|-MM|-v|-V|--version|-qversion|-dumpversion|-dumpmachine|-print-*) linking=0 ;;
    *.c|*.o|*.a|*.S|*.s|*.cc|*.cpp|-) has_src=1 ;;
  esac
done
for a in "$@"; do
  shift
  case "$a" in
    -Wl,-h*) set -- "$@" "-Wl,-soname,${a#-Wl,-h}" ;;
    -I/usr/*|-L/usr/*|-I/usr|-L/usr) ;;
    *) set -- "$@" "$a" ;;
  esac
done
if [ "$linking" = 1 ] && [ "$has_src" = 0 ]; then
  dummy="${TMPDIR:-/tmp}/zigcc-empty-$$.c"
  : > "$dummy"
  "$ZIG" cc -target "$TARGET" "$@" "$dummy" -Wno-date-time; rc=$?
  rm -f "$dummy"; exit $rc
fi
exec "$ZIG" cc -target "$TARGET" "$@" -Wno-date-time
