package org.policyminer.index;

import java.nio.file.Path;

/** The child process of {@link ClauseIndexerTest#aKilledRunLeavesTheLastCommitIntact}: indexes until killed. */
public final class KilledIndexer {

    static final int BATCH = 20;
    static final int CLAUSES = 30;

    private KilledIndexer() {
    }

    public static void main(String[] args) throws Exception {
        try (ClauseIndexer indexer = ClauseIndexer.open(Path.of(args[0]), 16)) {
            for (int p = 0; ; p++) {
                Policies policy = Policies.policy("policy-" + p, "Policy " + p);
                for (int c = 0; c < CLAUSES; c++) {
                    policy.clause("Section " + c, "Clause " + c + " of policy " + p + " keeps data for " + c + " years.", "retention");
                }
                indexer.index(policy.build());
                if ((p + 1) % BATCH == 0) {
                    indexer.commit();
                    System.out.println("committed " + (p + 1));
                    System.out.flush();
                }
            }
        }
    }
}
