package org.policyminer.extract.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PolarityDataTest {

    @Test
    void findsAnnotatorsSelectionsWhateverTheirSpacingAndCase() {
        String text = "We collect:\n\u2022 your  Name and\ne-mail address.\nWe do not sell it.";
        PolarityData.Located located = PolarityData.Located.of(text);
        int[] span = located.find("your name and e-mail");
        assertArrayEquals(new int[] {text.indexOf("your"), text.indexOf("e-mail") + "e-mail".length()}, span);
        assertArrayEquals(new int[] {text.indexOf("do not"), text.length()}, located.find("do not sell it."));
        assertNull(located.find("we share it"));
        assertNull(located.find("a"), "too short to place");
    }

    @Test
    void placesALongSelectionTheCleaningChangedByItsFirstWords() {
        String text = "We may share your information with our partners \u2014 including advertisers \u2014 for marketing.";
        String selected = "share your information with our partners - including advertisers - for marketing";
        int[] span = PolarityData.Located.of(text).find(selected);
        assertArrayEquals(new int[] {text.indexOf("share"), text.indexOf("share") + 40}, span);
    }
}
