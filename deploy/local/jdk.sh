#!/usr/bin/env bash
# Liora builds and runs on JDK 25 (docs/architecture.md, Operations). This finds one and puts it first:
# JAVA_HOME when it is 25 or newer, else `java` on the PATH when it is, else the newest JDK of 25 or
# more under /usr/lib/jvm (where Debian and Temurin's packages install), else it fails saying so.
#   sourced:             . deploy/local/jdk.sh        (exports JAVA_HOME and PATH)
#   with a command:      deploy/local/jdk.sh ./mvnw verify
liora_required_java=25

liora_java_major() { # the feature version of the JDK at $1 (its bin/java), or 0
    local version
    version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
    [[ "$version" =~ ^[0-9]+$ ]] && echo "$version" || echo 0
}

liora_find_jdk() {
    local home candidate best="" best_major=0 major
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] \
            && [ "$(liora_java_major "$JAVA_HOME")" -ge "$liora_required_java" ]; then
        echo "$JAVA_HOME"; return 0
    fi
    if command -v java >/dev/null 2>&1; then
        home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
        if [ "$(liora_java_major "$home")" -ge "$liora_required_java" ]; then echo "$home"; return 0; fi
    fi
    for candidate in /usr/lib/jvm/*/; do
        candidate="${candidate%/}"
        [ -x "$candidate/bin/javac" ] || continue
        major=$(liora_java_major "$candidate")
        if [ "$major" -ge "$liora_required_java" ] && [ "$major" -gt "$best_major" ]; then
            best="$candidate"; best_major="$major"
        fi
    done
    [ -n "$best" ] && echo "$best"
}

if liora_jdk=$(liora_find_jdk); then
    export JAVA_HOME="$liora_jdk"
    case ":$PATH:" in
        "$JAVA_HOME/bin:"*) ;;
        *) export PATH="$JAVA_HOME/bin:$PATH" ;;
    esac
else
    echo "Liora needs a JDK $liora_required_java or newer: set JAVA_HOME to one (none found on the PATH or under /usr/lib/jvm)." >&2
    # sourced: fail the script that sourced it; executed: exit
    return 1 2>/dev/null || exit 1
fi

# executed with a command: run it on that JDK
if [ "${BASH_SOURCE[0]}" = "$0" ] && [ $# -gt 0 ]; then
    exec "$@"
fi
