#!/usr/bin/env bash
# Builds the Linux app image and the .deb from the shaded jar. Run by `mvn -Ppackage package` (see the "package"
# profile in pom.xml, which sets the variables below); it can also be run by hand after `mvn package`:
#
#   JAR=target/taskscope.jar VERSION=0.1.0-SNAPSHOT MODULES=java.base,... DEB_DEPENDS="libgtk-3-0, ..." \
#     packaging/linux/jpackage.sh app-image deb
#
# Optional: OUT (default target/jpackage), JAVA_OPTIONS (space-separated JVM options for the launcher; none are
# needed today), MAINTAINER_EMAIL, JDK (the JDK whose jpackage, jlink and jmods are used).
#
# Steps: app-image = jpackage (jlink of MODULES + native launcher + the jar on the classpath), then the desktop
# entry, hicolor icons and the picocli bash completion are added under lib/share/ of the image; deb = jpackage
# --app-image of that image with the maintainer scripts in packaging/linux/deb, which link the lib/share/ files
# and the launcher into /usr (postinst) and remove the links again (prerm).
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
: "${MAINTAINER_EMAIL:=maintainers@taskscope.invalid}"
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

log() { printf '[jpackage.sh %s] %s\n' "$(date +%T)" "$*"; }

build_app_image() {
  [ -f "$JAR" ] || { echo "jpackage.sh: $JAR missing: run mvn package first" >&2; exit 1; }
  local input="$OUT/input"
  # a .deb from an earlier image would no longer match it
  rm -rf "$input" "$image" "$OUT/${name}_"*.deb
  mkdir -p "$input"
  # --input is copied whole into lib/app and every jar in it goes on the classpath: give it the shaded jar only.
  cp "$JAR" "$input/$name.jar"

  local opts=()
  for o in $JAVA_OPTIONS; do opts+=(--java-options "$o"); done
  log "app image: jlink $MODULES + launcher -> $image"
  "${jpackage[@]}" --type app-image --dest "$OUT" --name "$name" \
      --input "$input" --main-jar "$name.jar" --main-class "$MAIN_CLASS" \
      --app-version "$app_version" --vendor "Taskscope developers" \
      --description "Visualiser for Linux taskstats per-CPU exit listeners" \
      --icon assets/icon-256.png --add-modules "$MODULES" "${opts[@]}"
  rm -rf "$input"

  # Files for the desktop and the shell, linked into /usr by the .deb's postinst. Under lib/: jpackage --type deb
  # copies bin/ and lib/ of an app image, but not other top-level folders.
  local share="$image/lib/share"
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
  log "app image: $(du -sh "$image" | cut -f1) in $image"
}

build_deb() {
  [ -x "$image/bin/$name" ] || { echo "jpackage.sh: no app image at $image: build it first" >&2; exit 1; }
  rm -f "$OUT/${name}_"*.deb
  local deps=()
  [ -z "$DEB_DEPENDS" ] || deps=(--linux-package-deps "$DEB_DEPENDS")
  log "deb: from $image"
  # jpackage adds the packages owning the libraries the jlinked runtime links against (ldd + dpkg -S);
  # DEB_DEPENDS adds those of the JavaFX natives inside the jar, which it cannot see.
  "${jpackage[@]}" --type deb --dest "$OUT" --name "$name" --app-image "$image" \
      --app-version "$app_version" --vendor "Taskscope developers" \
      --description "Visualiser for Linux taskstats per-CPU exit listeners" \
      --resource-dir "$here/deb" \
      --linux-package-name "$name" --linux-app-release 1 --linux-app-category utils \
      --linux-deb-maintainer "$MAINTAINER_EMAIL" "${deps[@]}"
  local deb
  deb=$(ls "$OUT/${name}_"*.deb)
  log "deb: $(du -h "$deb" | cut -f1) $deb"
}

for step in "$@"; do
  case "$step" in
    app-image) build_app_image ;;
    deb) build_deb ;;
    *) echo "jpackage.sh: unknown step '$step' (app-image, deb)" >&2; exit 2 ;;
  esac
done
