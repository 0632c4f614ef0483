#!/bin/sh
# /usr/bin/taskscope and the menu entry run this. It starts the app image's JVM with what the image's launcher
# (bin/taskscope) would give it, after one decision the launcher cannot make: GTK (gdk_x11_display_open) probes
# OpenGL through GLX when it opens the display, which on a machine with no GPU (a VM, Xvfb, VNC) loads Mesa's
# software renderer and LLVM into the process for nothing: Prism's own check refuses a software renderer anyway (the
# app then picks Prism's software pipeline, RenderPipeline.java).
# Measured at 100 000 exits/s with the table open: 407 MB resident with the probe, 339 MB without (-Xmx192m).
# Without a DRM or NVIDIA device no hardware OpenGL can exist, so GTK is told to skip it (GDK_GL=disable);
# a GDK_GL the user set is kept.
# (Shell built-ins only, here and below: each command forked before the JVM starts counts in the start, ~3 ms each.)
gpu=
for device in /dev/nvidia0 /dev/dri/card* /dev/dri/renderD*; do
    [ -e "$device" ] && gpu=yes
done
if [ -z "${GDK_GL+set}" ] && [ -z "$gpu" ]; then
    GDK_GL=disable
    export GDK_GL
fi
app=/opt/taskscope
# Not bin/taskscope itself: before it starts the JVM, jpackage's launcher asks rpm and then dpkg which package owns
# it, twice (dpkg -S reads the file list of every installed package): 0.13 s of the start here with 800 packages
# installed, more with more. The JVM options, class path and main class are the launcher's, from its configuration
# ($APPDIR is lib/app), and jpackage.app-path names the launcher as it does (the app finds its helper beside it).
# bin/taskscope still runs when it carries file capabilities (the setcap set-up in the README: they belong to that
# file; setcap and getcap come in one package), or when the runtime has no java.
java=$app/lib/runtime/bin/java
cfg=$app/lib/app/taskscope.cfg
if [ ! -x "$java" ] || [ ! -r "$cfg" ] \
        || { command -v getcap >/dev/null 2>&1 && [ -n "$(getcap "$app/bin/taskscope" 2>/dev/null)" ]; }; then
    exec "$app/bin/taskscope" "$@"
fi
appdir=$app/lib/app
options=
classpath=
main=
while IFS= read -r line || [ -n "$line" ]; do
    value=${line#*=}
    case $value in # $APPDIR, once in a value at most (jpackage writes it so)
        *'$APPDIR'*) value=${value%%'$APPDIR'*}$appdir${value#*'$APPDIR'} ;;
    esac
    case $line in
        java-options=*) options="$options $value" ;;
        app.classpath=*) classpath=${classpath:+$classpath:}$value ;;
        app.mainclass=*) main=$value ;;
    esac
done < "$cfg"
# The desktop app (no command, or gui) compiles with C1 alone. Up to its first frame tiered compilation profiled ~3 000
# methods (C1's tier 3) and C2 compiled ~230 more, on the CPU the FX thread needed: gui --bench, 4 A/B pairs, start
# to first frame 1155-1729 -> 839-1216 ms, its CPU 1630-2390 -> 1000-1460 ms. At 100 000 exits/s with the table open
# the app's CPU was the same (20.3 s against 20.5 s in 30 s), frame p99 19.4-20.1 ms against 21.4-22.3 ms, and on the
# live path (bench live --path app) 0 of 300 002 lost either way. The headless commands keep C2 (serve, listen and
# record run for hours at the socket's pace).
# And one C1 thread, from the start: C1 took ~0.5 s of CPU before the first frame, beside the FX thread on two CPUs,
# and a second thread only adds to that. A compiler thread added on demand also reads the cgroup's memory.stat and
# memory.limit_in_bytes first (os::available_memory in CompileBroker::possibly_add_compiler_threads): ~500 opens
# before the first frame here. gui --bench, 10 interleaved pairs in each order (the second of a pair ran 20-50 ms
# faster, whichever it was): start to first frame ~25 ms less, CPU ~15 ms less. Frame p99 at 100 000 exits/s: table
# 19.1-19.9 ms, heatmap 19.0 ms. The three options go together: CICompilerCount=1 is refused (the JVM does not
# start) unless tiered compilation stops at C1.
case "${1-gui}" in
    gui | -*) options="$options -XX:TieredStopAtLevel=1 -XX:-UseDynamicNumberOfCompilerThreads -XX:CICompilerCount=1" ;;
esac
set -f
# shellcheck disable=SC2086 # one option a word: jpackage.sh gives the launcher no option with a space in it
exec "$java" $options "-Djpackage.app-path=$app/bin/taskscope" -cp "$classpath" "$main" "$@"
