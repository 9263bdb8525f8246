# Sourced by the scripts in scripts/: finds a JDK 21+ (the default java of many machines is older).
# find_java [javac] prints the first java 21+ in JAVA_HOME, on PATH, or under the usual JDK folders, or fails;
# with the argument "javac", only a JDK that also has javac beside its java counts.

java_major() { # prints the feature version of the java binary given, or 0
  "$1" -XshowSettings:properties -version 2>&1 | awk -F= '/java.specification.version/ {gsub(/ /,"",$2); print $2; f=1} END {if (!f) print 0}'
}

find_java() {
  local candidates=() j v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for d in /usr/lib/jvm/* /usr/java/* /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$d/bin/java" ] && candidates+=("$d/bin/java")
  done
  for j in "${candidates[@]}"; do
    [ "${1:-}" = javac ] && [ ! -x "$(dirname "$j")/javac" ] && continue
    v=$(java_major "$j")
    if [ "${v%%.*}" -ge 21 ] 2>/dev/null; then echo "$j"; return 0; fi
  done
  return 1
}
