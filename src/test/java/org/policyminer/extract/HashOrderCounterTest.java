package org.policyminer.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The counter lists keys in the order of the boxed map it replaces, whatever the keys and however many. */
class HashOrderCounterTest {

    private static void assertSameAsHashMap(int[] keys, String what) {
        HashOrderCounter.Counts expected = HashOrderCounter.byHashMap(keys, keys.length);
        HashOrderCounter.Counts actual = HashOrderCounter.count(keys, keys.length,
                java.util.Arrays.stream(keys).max().orElse(0) + 1);
        assertArrayEquals(expected.keys(), actual.keys(), what);
        assertArrayEquals(expected.counts(), actual.counts(), what);
    }

    @Test
    void listsKeysInTheOrderOfAHashMapThatCountedThem() {
        Random random = new Random(7);
        for (int trial = 0; trial < 3000; trial++) {
            int length = random.nextInt(trial < 2000 ? 60 : 3000);
            // Small ranges make repeats, wide ones keys above 2^16 (whose high bits HashMap folds in), strides of
            // 16 or 64 bins that collide, up to the 8 keys from which HashMap makes a tree or grows early.
            int range = 1 + random.nextInt(new int[] {20, 200, 60_000, 1 << 20, 1 << 21}[trial % 5]);
            int stride = new int[] {1, 1, 16, 64, 1 << 16}[random.nextInt(5)];
            range = Math.max(1, Math.min(range, (1 << 21) / stride));
            int[] keys = new int[length];
            for (int i = 0; i < length; i++) {
                keys[i] = random.nextInt(range) * stride;
            }
            assertSameAsHashMap(keys, "trial " + trial);
        }
    }

    @Test
    void aCrowdedBinGrowsTheTableOrBecomesATreeAsInAHashMap() {
        // Nine keys of one bin of 16 (the table grows early), of one bin of 64 and more (the bin becomes a tree).
        for (int stride : new int[] {16, 32, 64, 128, 1024}) {
            for (int n : new int[] {7, 8, 9, 12, 13, 40}) {
                int[] keys = new int[2 * n + 3];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = (i % n) * stride + (i == keys.length - 1 ? 1 : 0);
                }
                assertSameAsHashMap(keys, "stride " + stride + ", " + n + " keys");
            }
        }
        // The table grows at the call after the one that passed 3/4 of it, even when that call finds its key.
        int[] keys = new int[14];
        for (int i = 0; i < 13; i++) {
            keys[i] = i * 17;
        }
        keys[13] = 0;
        assertSameAsHashMap(keys, "13 keys and a repeat");
    }
}
