# Sourced by scripts/policyminer and scripts/bench-batch (after java21.sh): the JVM options they run the jar with.
#
# jit_opts prints the JIT compiler options. Tier4BackEdgeThreshold=400000 (10x the default): with the default,
# methods that run once per document but loop over its clauses (Extractor.firstPartyNames, AnnotationWriter.render,
# PolarityModel.vector, ...) are compiled by C2 on-stack-replacement at each hot loop, from cumulative loop counts,
# and then once more whole when their calls reach the threshold. Those OSR copies were a fifth of C2's time on a
# 10,000-document run, on the one C2 thread that is busy for most of a run on two cores. With the higher
# threshold the whole-method compile comes first and the copies are not needed; a loop that runs long within one
# call is still compiled after 400,000 iterations (a few milliseconds in C1 code).
#
# aot_opts uses JDK 25's AOT cache for the jar: JEP 483, classes loaded and linked ahead of time; JEP 515, method
# profiles of a training run, so that the JIT compiles the hot methods sooner. The cache is trained locally, on
# the bundled corpus only (the throughput benchmark over corpus/, cut into pages and written into a WARC, both the
# pipeline and the stock chain), and kept beside the jar as policyminer.aot.
#
# The cache is used only with POLICYMINER_AOT=on: measured on a shared two-core machine (1,000 and 3,000 pages,
# old and new alternated), it cut the benchmark process's CPU by about a tenth, most of it the stock chain's
# warm-up and class loading, while the pipeline's own CPU changed by less than the noise (its C2 thread is busy
# either way); and training costs half a minute of CPU once per build.
#
# aot_opts JAVA JAR prints the JVM option that uses the cache, training it first when it is missing, older than
# the jar, or made by another JVM. It prints nothing (and the JVM runs as before) unless POLICYMINER_AOT=on, on a
# JDK older than 25, or when training failed for this jar (the log is kept as policyminer.aot.log). The JVM
# itself also checks the jar's size and time and ignores a cache that does not match.

jit_opts() {
  echo "-XX:Tier4BackEdgeThreshold=400000"
}

aot_opts() {
  local java="$1" jar="$2" props v cache stamp want root work log
  [ "${POLICYMINER_AOT:-off}" = on ] || return 0
  props="$("$java" -XshowSettings:properties -version 2>&1)"
  v=$(awk -F= '/java.specification.version/ {gsub(/ /,"",$2); print $2}' <<<"$props")
  [ "${v%%.*}" -ge 25 ] 2>/dev/null || return 0
  cache="${jar%.jar}.aot"
  stamp="$cache.jvm"
  log="$cache.log"
  # The JVM that made the cache: its home and exact build (a cache is only valid for the JVM that made it).
  want="$(grep -E '^ *(java\.home|java\.vm\.version) =' <<<"$props" | tr -s ' \n' ' ')"
  if [ -f "$cache" ] && [ ! "$jar" -nt "$cache" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    echo "-XX:AOTCache=$cache"
    return 0
  fi
  # A failed training is not retried until the jar or the JVM changes: it would cost every run half a minute.
  if [ -f "$log" ] && [ ! "$jar" -nt "$log" ] && [ "$(cat "$stamp" 2>/dev/null)" = "failed $want" ]; then
    return 0
  fi
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  echo "Training the JVM's AOT cache for this build on corpus/ (once per build and JVM)..." >&2
  work="$(mktemp -d "${TMPDIR:-/tmp}/policyminer-aot.XXXXXX")"
  rm -f "$cache" "$stamp"
  if "$java" -XX:AOTCacheOutput="$work/policyminer.aot" $(jit_opts) -Xmx768m -cp "$jar" org.policyminer.batch.Benchmark \
      --work "$work/run" --threads 2 --docs 300 --warc --pages 12 --warm-up 50 "$root/corpus" >"$log" 2>&1 \
      && [ -s "$work/policyminer.aot" ] && mv "$work/policyminer.aot" "$cache"; then
    echo "$want" >"$stamp"
    rm -f "$log"
    echo "-XX:AOTCache=$cache"
  else
    echo "failed $want" >"$stamp"
    echo "policyminer: training the AOT cache failed (see $log); running without it." >&2
  fi
  rm -rf "$work"
}
