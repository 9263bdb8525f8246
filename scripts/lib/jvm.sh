# Sourced by scripts/policyminer and scripts/bench-batch: the JVM options they run the jar with.
#
# jit_opts holds the JIT compiler options. Tier4BackEdgeThreshold=400000 (10x the default): with the default,
# methods that run once per document but loop over its clauses (Extractor.firstPartyNames, AnnotationWriter.render,
# PolarityModel.vector, ...) are compiled by C2 on-stack-replacement at each hot loop, from cumulative loop counts,
# and then once more whole when their calls reach the threshold. Those OSR copies were a fifth of C2's time on a
# 10,000-document run, on the one C2 thread that is busy for most of a run on two cores. With the higher
# threshold the whole-method compile comes first and the copies are not needed; a loop that runs long within one
# call is still compiled after 400,000 iterations (a few milliseconds in C1 code).
#
# JDK 25's AOT cache (JEP 483 and 515, trained on corpus/) was measured too and left out: it cut the stock chain's
# warm-up but not the pipeline's CPU (its C2 thread is busy either way), for half a minute of training per build.

jit_opts="-XX:Tier4BackEdgeThreshold=400000"
