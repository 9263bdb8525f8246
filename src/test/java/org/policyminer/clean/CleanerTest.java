package org.policyminer.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.policyminer.doc.Block;
import org.policyminer.doc.StructuredText;

class CleanerTest {

    private static List<String> texts(StructuredText t, Block.Kind kind) {
        return t.blocks().stream().filter(b -> b.kind() == kind).map(b -> b.text(t.text())).toList();
    }

    @Test
    void htmlKeepsThePolicyAndDropsPageFurniture() {
        String html = """
                <html><head><title>Privacy | Acme</title><style>p{}</style><script>var menu = 1;</script></head>
                <body>
                  <header><a href="/">Acme</a><ul><li><a href="/a">Products</a></li><li><a href="/b">Pricing</a></li></ul></header>
                  <nav><a href="/x">Home</a> <a href="/y">Blog</a></nav>
                  <div id="cookie-banner">We use cookies. <button>Accept all</button></div>
                  <main>
                    <h1>Privacy Policy</h1>
                    <ol class="toc"><li><a href="#a">Collection</a></li><li><a href="#b">Sharing</a></li><li><a href="#c">Rights</a></li></ol>
                    <h2>1. Data we collect</h2>
                    <p>We collect your <b>name</b> and e-mail address when you register.</p>
                    <p>We collect:</p>
                    <ul><li>contact details;</li><li>usage data.</li></ul>
                    <p><strong>Cookies</strong></p>
                    <p>We use cookies to remember your settings.</p>
                    <div style="display:none">Hidden text that no reader sees.</div>
                    <form><label>Email</label><input name="e"></form>
                  </main>
                  <aside>Related: our blog</aside>
                  <footer>© 2024 Acme Inc. <a href="/terms">Terms</a></footer>
                </body></html>""";
        StructuredText t = new HtmlCleaner().clean(html);
        assertEquals("Privacy Policy", t.title());
        assertEquals(List.of("Privacy Policy", "1. Data we collect", "Cookies"), texts(t, Block.Kind.HEADING));
        assertEquals(List.of("contact details;", "usage data."), texts(t, Block.Kind.LIST_ITEM));
        assertTrue(t.text().contains("We collect your name and e-mail address when you register."));
        for (String furniture : List.of("Products", "Pricing", "Home", "Blog", "Accept", "We use cookies.", "Hidden",
                "Email", "Related", "Acme Inc", "Terms", "var menu", "Collection")) {
            assertFalse(t.text().contains(furniture), furniture + " survived: " + t.text());
        }
        for (Block b : t.blocks()) {
            assertEquals(b.text(t.text()), b.text(t.text()).strip());
        }
    }

    @Test
    void pathologicallyNestedHtmlIsCleanedWithoutStackOverflow() {
        int depth = 20_000;
        String html = "<html><body>" + "<div>".repeat(depth) + "<p>We keep data for 30 days.</p>"
                + "</div>".repeat(depth) + "</body></html>";
        StructuredText t = new HtmlCleaner().clean(html);
        assertTrue(t.text().contains("We keep data for 30 days."));
    }

    @Test
    void plainTextNumberedHeadingsNestByDepth() {
        String text = """
                Privacy policy

                1. General provisions

                This policy explains what we do. It applies to the
                site and its services.

                2.1 Retention of Personal Data
                We keep personal data for no longer than 5 (five) years.
                - your name;
                - your e-mail.
                9 Main Street, Springfield, is our address.
                """;
        StructuredText t = new PlainTextCleaner().clean(text);
        assertEquals("Privacy policy", t.title());
        List<Block> headings = t.blocks().stream().filter(b -> b.kind() == Block.Kind.HEADING).toList();
        assertEquals(List.of("Privacy policy", "1. General provisions", "2.1 Retention of Personal Data"),
                headings.stream().map(b -> b.text(t.text())).toList());
        assertEquals(List.of(1, 2, 3), headings.stream().map(Block::level).toList());
        assertTrue(t.text().contains("It applies to the site and its services."), "hard wrap joined: " + t.text());
        assertEquals(List.of("your name;", "your e-mail."), texts(t, Block.Kind.LIST_ITEM));
    }

    @Test
    void markdownHeadingsListsAndLinksBecomeBlocks() throws Exception {
        String md = "# Privacy Policy\n\nRead [our terms](https://x.org/terms) **carefully**.\n\n"
                + "### Personal information we collect\n\nWe collect:\n\n* your name\n* your e-mail\n";
        StructuredText t = new MarkdownCleaner().clean(md);
        assertEquals(List.of("Privacy Policy", "Personal information we collect"), texts(t, Block.Kind.HEADING));
        assertTrue(t.text().contains("Read our terms carefully."));
        assertEquals(List.of("your name", "your e-mail"), texts(t, Block.Kind.LIST_ITEM));
    }

    @Test
    void sectionNumbersLaidOutApartFromTheirTitlesAreJoined() {
        StructuredText t = new HtmlCleaner().clean("""
                <h1>Policy</h1><div><span>II.</span></div><div>Information We Collect</div><p>We collect your name.</p>
                <p>A. Cookies and Beacons</p><p>We use cookies.</p>""");
        assertEquals(List.of("Policy", "II. Information We Collect", "A. Cookies and Beacons"), texts(t, Block.Kind.HEADING));
    }

    @Test
    void policyTextFoldedIntoCollapsedSectionsIsKept() {
        String folded = "We collect two types of information: information that identifies you, such as your name and "
                + "e-mail address, and information that does not, such as the pages you visit. ".repeat(3);
        StructuredText t = new HtmlCleaner().clean("<h1>Policy</h1><div class=summary><p>Summary.</p></div>"
                + "<div class=full style='display: none;'><p>" + folded + "</p></div>"
                + "<div style='display:none'>Opens in a new window</div>");
        assertTrue(t.text().contains("We collect two types of information"), t.text());
        assertFalse(t.text().contains("Opens in a new window"), t.text());
    }

    @Test
    void furnitureClassNamesDoNotDropPolicyProse() {
        String prose = "We share your personal information with service providers who process it on our behalf, "
                + "under contracts that forbid any other use of it. ".repeat(8);
        StructuredText t = new HtmlCleaner().clean("<h1>Policy</h1><div class='privacy-block nav-item'><p>" + prose
                + "</p></div><div class='nav-menu'><a href=/a>Shop</a> <a href=/b>Deals</a> <a href=/c>Stores</a></div>");
        assertTrue(t.text().contains("We share your personal information with service providers"), t.text());
        assertFalse(t.text().contains("Deals"), t.text());
    }
}
