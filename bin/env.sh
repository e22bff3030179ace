# Sourced by ./flowgate, ./run-tests and .ci/run: finds a JDK 25 and a Maven 3.9 without any manual step.
# JDK: $JAVA_HOME if it is 25 or newer, else `java` on PATH if it is, else the newest JDK 25+ under /usr/lib/jvm.
# Maven: 3.9.11 from Maven Central into ~/.cache/flowgate (checked against Central's SHA-512), once.

flowgate_java_major() { # $1 = java binary
  # The JDK's `release` file names its version without starting a JVM (which would cost 50-100 ms
  # of every command); a JDK without one is asked. Builtins only: every fork counts at start-up.
  local release="${1%/bin/java}/release" line
  if [ -f "$release" ]; then
    while IFS= read -r line; do
      if [[ $line =~ ^JAVA_VERSION=\"([0-9]+) ]]; then echo "${BASH_REMATCH[1]}"; return 0; fi
    done < "$release"
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

flowgate_jdk_ok() { # $1 = JDK home
  local major
  [ -n "$1" ] && [ -x "$1/bin/javac" ] || return 1
  major=$(flowgate_java_major "$1/bin/java")
  [ -n "$major" ] && [ "$major" -ge 25 ]
}

flowgate_find_jdk() {
  local candidate
  if flowgate_jdk_ok "${JAVA_HOME:-}"; then echo "$JAVA_HOME"; return 0; fi
  candidate=$(command -v java 2>/dev/null) && candidate=$(readlink -f "$candidate") && candidate=${candidate%/bin/java}
  for candidate in "$candidate" /usr/lib/jvm/*; do
    if flowgate_jdk_ok "$candidate"; then echo "$candidate"; return 0; fi
  done
  return 1
}

FLOWGATE_MAVEN_VERSION=3.9.11
flowgate_find_maven() {
  local cache="${XDG_CACHE_HOME:-$HOME/.cache}/flowgate"
  local home="$cache/apache-maven-$FLOWGATE_MAVEN_VERSION"
  if [ ! -x "$home/bin/mvn" ]; then
    local base="https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/$FLOWGATE_MAVEN_VERSION"
    local archive="apache-maven-$FLOWGATE_MAVEN_VERSION-bin.tar.gz"
    mkdir -p "$cache" || return 1
    echo "flowgate: fetching Maven $FLOWGATE_MAVEN_VERSION from Maven Central (once)" >&2
    curl -sSfL -o "$cache/$archive" "$base/$archive" || return 1
    local expected
    expected=$(curl -sSfL "$base/$archive.sha512" | cut -d' ' -f1) || return 1
    echo "$expected  $cache/$archive" | sha512sum -c --status || { echo "flowgate: Maven archive checksum mismatch" >&2; return 1; }
    tar -xzf "$cache/$archive" -C "$cache" || return 1
    rm -f "$cache/$archive"
  fi
  echo "$home/bin/mvn"
}

JAVA_HOME=$(flowgate_find_jdk) || { echo "flowgate: needs a JDK 25 (set JAVA_HOME or install one under /usr/lib/jvm)" >&2; exit 1; }
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
FLOWGATE_MVN=$(flowgate_find_maven) || { echo "flowgate: could not get Maven $FLOWGATE_MAVEN_VERSION" >&2; exit 1; }
export FLOWGATE_MVN

# The launcher's class path, spelled out in a fixed order (an AOT cache is valid only for the class
# path it was trained with, and a wildcard expands in directory order): the server jar, Flowgate's
# own jars, then the rest. Flowgate's first: the first resource a command reads (the application
# catalog) is looked up jar by jar in class-path order, and each jar before it is opened on the way
# (the third-party ones include a 7 MB signed jar whose verification loads the JDK's security
# providers: about 60 ms of CPU of a one-packet replay, docs/adr/0042).
flowgate_classpath() { # $1 = checkout; sets FLOWGATE_CLASSPATH (no subshell: forks cost start-up)
  local classpath="$1/server/target/flowgate-server-0.1.0-SNAPSHOT.jar" lib
  for lib in "$1"/server/target/lib/flowgate-*.jar; do classpath="$classpath:$lib"; done
  for lib in "$1"/server/target/lib/*.jar; do
    case ${lib##*/} in flowgate-*) ;; *) classpath="$classpath:$lib" ;; esac
  done
  FLOWGATE_CLASSPATH=$classpath
}
