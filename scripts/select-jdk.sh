# Sourced by run-local, run-tests and .ci/run: points JAVA_HOME at a JDK 21 or newer.
# Keeps JAVA_HOME when it already is one; otherwise looks at the javac on PATH and the JDKs
# under /usr/lib/jvm (the EduKit build machines carry Temurin 25 beside a default Java 17).

_vmservice_java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 |
        awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]) }'
}

_vmservice_is_jdk21() {
    [ -x "$1/bin/javac" ] && [ "$(_vmservice_java_major "$1")" -ge 21 ] 2>/dev/null
}

if [ -n "${JAVA_HOME:-}" ] && _vmservice_is_jdk21 "$JAVA_HOME"; then
    :
else
    _vmservice_candidates=()
    if command -v javac >/dev/null 2>&1; then
        _vmservice_candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
    fi
    _vmservice_candidates+=(/usr/lib/jvm/temurin-25* /usr/lib/jvm/*25* /usr/lib/jvm/temurin-21* /usr/lib/jvm/*21* /usr/lib/jvm/*)
    _vmservice_found=""
    for _vmservice_jdk in "${_vmservice_candidates[@]}"; do
        if _vmservice_is_jdk21 "$_vmservice_jdk"; then
            _vmservice_found="$_vmservice_jdk"
            break
        fi
    done
    if [ -z "$_vmservice_found" ]; then
        echo "VmService needs a JDK 21 or newer: none found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
        echo "Install one (e.g. Temurin 25) and point JAVA_HOME at it." >&2
        return 1 2>/dev/null || exit 1
    fi
    export JAVA_HOME="$_vmservice_found"
    unset _vmservice_found _vmservice_jdk _vmservice_candidates
fi
export PATH="$JAVA_HOME/bin:$PATH"
