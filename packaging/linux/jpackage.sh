#!/usr/bin/env bash
# Builds the Linux app image and the .deb from the shaded jar. Run by `mvn -Ppackage package` (see the "package"
# profile in pom.xml, which sets the variables below); it can also be run by hand after `mvn package`:
#
#   JAR=target/taskscope.jar VERSION=0.1.0-SNAPSHOT MODULES=java.base,... DEB_DEPENDS="libgtk-3-0, ..." \
#     packaging/linux/jpackage.sh app-image deb
#
# Optional: OUT (default target/jpackage), JAVA_OPTIONS (space-separated JVM options for the launchers, after
# LAUNCHER_OPTIONS below), MAINTAINER_EMAIL (the .deb's Maintainer is "Taskscope developers <MAINTAINER_EMAIL>"), JDK (the
# JDK whose jpackage, jlink and jmods are used).
#
# Steps: app-image = jpackage (jlink of MODULES + native launchers + the jar on the classpath: bin/taskscope and
# bin/taskscope-helper, the privileged helper pkexec runs), then the desktop entry, hicolor icons and the picocli
# bash completion are added under lib/share/ of the image; deb = jpackage --app-image of that image with the
# maintainer scripts in packaging/linux/deb, which link the lib/share/ files and the launcher into /usr (postinst)
# and remove the links again (prerm); then the polkit action is added to the package (add_polkit_action).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"

: "${JAR:=target/taskscope.jar}"
: "${VERSION:?VERSION (the Maven project version) is required}"
: "${MAIN_CLASS:=io.taskscope.Launcher}"
: "${MODULES:?MODULES (the jlink module list) is required}"
: "${DEB_DEPENDS:=}"
: "${OUT:=target/jpackage}"
: "${JAVA_OPTIONS:=}"
# Always given to the launchers. The heap: what the app holds at 100 000 exits/s with eight listeners' tables of
# 10 000 rows is ~110 MB live (jmap -histo:live: 73 MB of it the tables' columns); the tables are sized to fit 40 % of
# the heap (RowBudget), so 192 MB holds them with room to collect (frame p99 20.0 ms, as at 256 MB), and RSS stays
# at 339 MB, flat (256 MB: 407 MB; the JVM's default of a quarter of RAM let it grow past 600 MB for nothing). The
# class-data archive that postinst makes from lib/taskscope.classlist ($APPDIR is lib/app): missing, the JVM
# starts without it.
# C2 later (the headless commands; /usr/bin/taskscope runs the desktop app with C1 alone, taskscope-launch.sh says why):
# a method is compiled by C2 after 50 000 calls (loops: 400 000 back-edges), ten times HotSpot's default.
# Up to the first frame C2 spent CPU on code that runs only then (the first CSS pass), and on two CPUs that CPU was
# the FX thread's: start to first frame (gui --bench) 1147 -> 1023 ms median, its CPU 1920 -> 1590 ms (A/B, 10 runs
# each). What stays hot (routing 100 000 exits/s, the frame) still gets C2 within seconds: gui --bench 20s, frame
# p99 18.3-19.2 ms against 19.0-19.3 ms, 102 800 records/s either way, the process's CPU 13 s against 15.5 s.
TIER4='-XX:Tier4InvocationThreshold=50000 -XX:Tier4MinInvocationThreshold=6000 -XX:Tier4CompileThreshold=150000 -XX:Tier4BackEdgeThreshold=400000'
LAUNCHER_OPTIONS="-Xmx192m -XX:SharedArchiveFile=\$APPDIR/../taskscope.jsa $TIER4"
: "${MAINTAINER_EMAIL:=taskscope-dev@users.noreply.github.com}"
: "${JDK:=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v jpackage)")")")}}"
[ "$#" -gt 0 ] || set -- app-image deb

name=taskscope
image="$OUT/$name"
# jpackage wants digits and dots (app image) and a valid Debian version (deb); "~" sorts 0.1.0~SNAPSHOT before 0.1.0.
app_version=${VERSION//-/\~}
jpackage=("$JDK/bin/jpackage")
[ -x "${jpackage[0]}" ] || jpackage=(jpackage)
java="$JDK/bin/java"
[ -x "$java" ] || java=java
jar_tool="$JDK/bin/jar"
[ -x "$jar_tool" ] || jar_tool=jar

log() { printf '[jpackage.sh %s] %s\n' "$(date +%T)" "$*"; }

build_app_image() {
  [ -f "$JAR" ] || { echo "jpackage.sh: $JAR missing: run mvn package first" >&2; exit 1; }
  local input="$OUT/input"
  # a .deb from an earlier image would no longer match it
  rm -rf "$input" "$image" "$OUT/${name}_"*.deb
  mkdir -p "$input"
  # --input is copied whole into lib/app and every jar in it goes on the classpath: give it the shaded jar only.
  cp "$JAR" "$input/$name.jar"
  # JavaFX's natives (the lib*.so at the jar's root) beside it, in lib/app: JavaFX loads them from the jar's own
  # folder first. From the jar it inflated each one at every start and compared its MD5 with a copy it had
  # extracted to ~/.openjfx/cache (writing one there on a user's first start).
  local jar_abs natives
  jar_abs=$(cd "$(dirname "$JAR")" && pwd)/$(basename "$JAR")
  natives=$("$jar_tool" tf "$JAR" | grep -E '^lib[^/]*\.so$' || true)
  [ -n "$natives" ] || { echo "jpackage.sh: no JavaFX natives (lib*.so) at the root of $JAR" >&2; exit 1; }
  # shellcheck disable=SC2086 # one name per word
  (cd "$input" && "$jar_tool" xf "$jar_abs" $natives)

  local opts=()
  for o in $LAUNCHER_OPTIONS $JAVA_OPTIONS; do opts+=(--java-options "$o"); done
  # jlink as jpackage would, except that the runtime keeps its bin/java: /usr/bin/taskscope (taskscope-launch.sh)
  # starts the JVM with it rather than through bin/taskscope, whose package look-ups cost a tenth of the start.
  log "app image: jlink $MODULES + launcher -> $image"
  "${jpackage[@]}" --type app-image --dest "$OUT" --name "$name" \
      --input "$input" --main-jar "$name.jar" --main-class "$MAIN_CLASS" \
      --app-version "$app_version" --vendor "Taskscope developers" \
      --description "Visualiser for Linux taskstats per-CPU exit listeners" \
      --icon assets/icon-256.png --add-modules "$MODULES" "${opts[@]}" \
      --jlink-options "--strip-debug --no-man-pages --no-header-files" \
      --add-launcher "$name-helper=$here/$name-helper.properties"
  rm -rf "$input"

  # Files for the desktop and the shell, linked into /usr by the .deb's postinst. Under lib/: jpackage --type deb
  # copies bin/ and lib/ of an app image, but not other top-level folders.
  local share="$image/lib/share"
  # what /usr/bin/taskscope and the menu entry run: the JVM with the launcher's options, told first whether GTK may
  # probe OpenGL
  install -D -m 755 "$here/taskscope-launch.sh" "$image/lib/taskscope-launch"
  install -D -m 644 "$here/taskscope.desktop" "$share/applications/$name.desktop"
  for s in 16 24 32 48 64 128 256 512; do
    install -D -m 644 "assets/icon-$s.png" "$share/icons/hicolor/${s}x${s}/apps/$name.png"
  done
  install -D -m 644 assets/icon.svg "$share/icons/hicolor/scalable/apps/$name.svg"
  mkdir -p "$share/bash-completion/completions"
  # picocli's generator, run from the shaded jar (picocli is inside it) on the top-level @Command class.
  "$java" -cp "$JAR" picocli.AutoComplete --force --name "$name" \
      --completionScript "$share/bash-completion/completions/$name" io.taskscope.cli.TaskscopeCommand
  # The generated script also registers "taskscope.sh taskscope.bash"; only the command itself is installed.
  sed -i "s/^complete -F _complete_$name -o default $name .*/complete -F _complete_$name -o default $name/" \
      "$share/bash-completion/completions/$name"
  chmod 644 "$share/bash-completion/completions/$name"
  list_startup_classes
  log "app image: $(du -sh "$image" | cut -f1) in $image"
}

# lib/taskscope.classlist: the classes the app loads up to its first frame, from a snapshot run of the image's own
# launcher under Xvfb. The .deb's postinst turns it into the class-data archive lib/taskscope.jsa (JDK 17 ties an
# archive to the jar's path, so it can only be made where the jar is installed). Without Xvfb no list is made and
# the app starts without an archive, only slower.
list_startup_classes() {
  local list="$image/lib/$name.classlist"
  if ! command -v xvfb-run >/dev/null; then
    log "app image: no xvfb-run, so no class list (start-up without a class-data archive)"
    return 0
  fi
  local scratch
  scratch=$(mktemp -d)
  # a HOME of its own: a snapshot run reads and writes no settings, but GTK and fontconfig write caches there
  if HOME=$scratch JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$list" timeout 120 xvfb-run -a \
      "$image/bin/$name" gui --snapshot "$scratch/first.png" --after 1s >"$scratch/log" 2>&1 && [ -s "$list" ]; then
    log "app image: $(wc -l < "$list") classes listed for the class-data archive"
  else
    log "app image: the class-list run failed (start-up without a class-data archive): $(tail -3 "$scratch/log")"
    rm -f "$list"
  fi
  rm -rf "$scratch"
}

build_deb() {
  [ -x "$image/bin/$name" ] || { echo "jpackage.sh: no app image at $image: build it first" >&2; exit 1; }
  rm -f "$OUT/${name}_"*.deb
  local deps=()
  [ -z "$DEB_DEPENDS" ] || deps=(--linux-package-deps "$DEB_DEPENDS")
  log "deb: from $image"
  # jpackage adds the packages owning the libraries the jlinked runtime links against (ldd + dpkg -S);
  # DEB_DEPENDS declares those of the JavaFX natives (lib/app/lib*.so) itself, whatever jpackage's scan finds.
  # Uncompressed (dpkg 1.21.10+ reads this; older ones compress anyway): add_polkit_action rebuilds the package and
  # compresses it, once.
  DPKG_DEB_COMPRESSOR_TYPE=none "${jpackage[@]}" --type deb --dest "$OUT" --name "$name" --app-image "$image" \
      --app-version "$app_version" --vendor "Taskscope developers" \
      --description "Visualiser for Linux taskstats per-CPU exit listeners" \
      --resource-dir "$here/deb" \
      --linux-package-name "$name" --linux-app-release 1 --linux-app-category utils \
      --linux-deb-maintainer "$MAINTAINER_EMAIL" "${deps[@]}"
  local deb
  deb=$(ls "$OUT/${name}_"*.deb)
  add_polkit_action "$deb"
  log "deb: $(du -h "$deb" | cut -f1) $deb"
}

# jpackage installs nothing outside /opt/taskscope, but polkitd reads actions only from /usr/share/polkit-1/actions,
# systemd units from /lib/systemd/system, and a service's settings belong in /etc: these are added to the package
# jpackage built (files dpkg owns, listed in md5sums; the two under /etc as conffiles, so an upgrade keeps the user's
# edits), the size updated. The service is not enabled: postinst only tells systemd it exists.
add_polkit_action() {
  local deb=$1 policy=io.taskscope.helper.policy tree="$OUT/deb-tree" f
  rm -rf "$tree"
  dpkg-deb --raw-extract "$deb" "$tree"
  install -D -m 644 "$here/deb/$policy" "$tree/usr/share/polkit-1/actions/$policy"
  install -D -m 644 "$here/taskscope-serve.service" "$tree/lib/systemd/system/taskscope-serve.service"
  install -D -m 644 "$here/serve.conf" "$tree/etc/taskscope/serve.conf"
  install -D -m 644 "$here/listeners.conf" "$tree/etc/taskscope/listeners.conf"
  printf '/etc/taskscope/serve.conf\n/etc/taskscope/listeners.conf\n' >> "$tree/DEBIAN/conffiles"
  if [ -f "$tree/DEBIAN/md5sums" ]; then
    for f in "usr/share/polkit-1/actions/$policy" lib/systemd/system/taskscope-serve.service \
             etc/taskscope/serve.conf etc/taskscope/listeners.conf; do
      (cd "$tree" && md5sum "$f") >> "$tree/DEBIAN/md5sums"
    done
  fi
  sed -i "s/^Installed-Size: .*/Installed-Size: $(du -sk --exclude=DEBIAN "$tree" | cut -f1)/" "$tree/DEBIAN/control"
  # --root-owner-group: root owns every file, as under jpackage's fakeroot, whoever builds
  dpkg-deb --root-owner-group -Zxz --build "$tree" "$deb" >/dev/null
  rm -rf "$tree"
  log "deb: added /usr/share/polkit-1/actions/$policy, the taskscope-serve unit and /etc/taskscope"
}

for step in "$@"; do
  case "$step" in
    app-image) build_app_image ;;
    deb) build_deb ;;
    *) echo "jpackage.sh: unknown step '$step' (app-image, deb)" >&2; exit 2 ;;
  esac
done
