#!/bin/sh
# /usr/bin/taskscope and the menu entry run this; it runs the app image's launcher, after one decision the launcher
# cannot make: GTK (gdk_x11_display_open) probes OpenGL through GLX when it opens the display, which on a machine
# with no GPU (a VM, Xvfb, VNC) loads Mesa's software renderer and LLVM into the process for nothing: Prism's own
# check refuses a software renderer anyway (the app then picks Prism's software pipeline, RenderPipeline.java).
# Measured at 100 000 exits/s with the table open: 407 MB resident with the probe, 339 MB without (-Xmx192m).
# Without a DRM or NVIDIA device no hardware OpenGL can exist, so GTK is told to skip it (GDK_GL=disable);
# a GDK_GL the user set is kept.
if [ -z "${GDK_GL+set}" ] && [ ! -e /dev/nvidia0 ] && ! ls /dev/dri/card* /dev/dri/renderD* >/dev/null 2>&1; then
    GDK_GL=disable
    export GDK_GL
fi
exec /opt/taskscope/bin/taskscope "$@"
