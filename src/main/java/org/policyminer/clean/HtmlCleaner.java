package org.policyminer.clean;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.internal.StringUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jsoup.select.QueryParser;
import org.policyminer.doc.Block;
import org.policyminer.doc.StructuredText;

/**
 * Cleans an HTML page with jsoup: removes what a reader would not count as the policy (scripts, navigation,
 * menus, page headers and footers, cookie banners, forms, modals, link lists), narrows the page to its main
 * content, then reads headings, paragraphs and list items off the remaining tree in document order.
 *
 * <p>Every pass is a single iterative walk, so pathologically deep pages cost linear time and no stack. The text
 * lengths that the passes decide by are measured once and kept up to date as elements are removed; selectors
 * are parsed once, not per element.
 */
public final class HtmlCleaner implements Cleaner {

    private static final Set<String> DROP_TAGS = Set.of("script", "style", "noscript", "template", "svg", "canvas",
            "iframe", "object", "embed", "form", "button", "input", "select", "textarea", "option", "label", "nav",
            "menu", "dialog", "aside", "footer", "img", "picture", "video", "audio", "map", "link", "meta", "head");
    /**
     * Elements that never hold the policy, however much of the page they span. The other furniture (forms,
     * furniture classes and roles) is only dropped when it does not wrap most of the page.
     */
    private static final Set<String> NEVER_CONTENT = Set.of("script", "style", "noscript", "template", "svg", "canvas",
            "iframe", "object", "embed", "select", "option", "textarea", "img", "picture", "video", "audio", "map",
            "link", "meta", "head", "nav", "menu", "aside", "footer", "dialog", "button", "input", "label");
    private static final Set<String> DROP_ROLES = Set.of("navigation", "contentinfo", "menu", "menubar", "search",
            "dialog", "alertdialog", "complementary", "toolbar", "tablist");
    /** Class and id words that mark page furniture; matched as whole words of a class or id. */
    private static final Set<String> DROP_WORDS = Set.of("nav", "navbar", "navigation", "menu", "menubar", "submenu",
            "megamenu", "breadcrumb", "breadcrumbs", "sidebar", "footer", "masthead", "topbar", "toolbar", "skiplink",
            "social", "share", "sharing-buttons", "newsletter", "subscribe", "cookiebar", "cookiebot", "onetrust",
            "advert", "advertisement", "login", "signup", "searchbar", "dropmenu", "hamburger");
    /** Class and id words of second copies of the page for other layouts, dropped however much text they hold. */
    private static final Set<String> COPY_WORDS = Set.of("mobile", "modal", "popup", "lightbox", "offcanvas");
    private static final int MENU_MAX_PROSE_CHARS = 600;
    private static final Pattern COOKIE_BANNER = Pattern.compile(
            "(?i)(cookie|consent|gdpr)[-_ ]?(banner|bar|notice|popup|law|message|modal|dialog|alert|container|wrapper|overlay|box|info)|cookie-?consent|cc-window|CybotCookiebot");
    private static final int HIDDEN_PROSE_CHARS = 300;
    private static final Pattern HIDDEN_STYLE = Pattern.compile("(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden");
    private static final Evaluator H1 = QueryParser.parse("h1");
    private static final Evaluator NAV_OR_LIST = QueryParser.parse("nav, ul, ol");
    private static final Evaluator P = QueryParser.parse("p");
    /** Main-content candidates, in order of preference. */
    private static final List<Evaluator> MAIN_REGIONS = List.of(QueryParser.parse("main, [role=main]"),
            QueryParser.parse("article"));
    private static final Set<String> BLOCK_TAGS = Set.of("p", "div", "section", "article", "main", "header", "ul", "ol",
            "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "blockquote",
            "pre", "address", "figure", "figcaption", "hr", "center", "details", "summary", "body", "html",
            "h1", "h2", "h3", "h4", "h5", "h6", "br");

    @Override
    public StructuredText clean(String html) {
        Document doc = Jsoup.parse(html);
        Element body = doc.body();
        String pageTitle = doc.title();
        Map<Element, int[]> lengths = measure(body);
        int bodyText = Math.max(1, lengths.getOrDefault(body, new int[3])[0]);
        removeFurniture(body, lengths, bodyText);
        removeLinkLists(body, lengths);
        Element root = mainContent(body, lengths);
        Element h1 = root.selectFirst(H1);
        String title = h1 != null && !h1.text().isBlank() ? h1.text() : pageTitle;
        Extractor extractor = new Extractor();
        NodeTraversor.filter(extractor, root);
        extractor.flush();
        return extractor.out.build(title);
    }

    /**
     * Text length, link-text length and link count of every element, computed bottom-up in one walk. Kept up to
     * date by {@link #remove}: the passes walk in document order, so an element's own figures are those of the
     * tree at the time it is looked at, as a fresh measurement would give them.
     */
    private static Map<Element, int[]> measure(Element root) {
        Map<Element, int[]> lengths = new IdentityHashMap<>();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof TextNode t && t.parent() instanceof Element parent) {
                    int n = strippedTextLength(t.getWholeText());
                    int[] own = lengths.computeIfAbsent(parent, k -> new int[3]);
                    own[0] += n;
                    if (inLink(parent)) {
                        own[1] += n;
                    }
                } else if (node instanceof Element e && e.parent() != null) {
                    int[] mine = lengths.computeIfAbsent(e, k -> new int[3]);
                    if (e.nameIs("a")) {
                        mine[2]++;
                    }
                    int[] up = lengths.computeIfAbsent(e.parent(), k -> new int[3]);
                    up[0] += mine[0];
                    up[1] += mine[1];
                    up[2] += mine[2];
                }
            }
        }, root);
        return lengths;
    }

    /**
     * {@code textNode.text().strip().length()} without building either string: jsoup's white-space
     * normalisation (runs of its white space become one space, its invisible characters go), then the length
     * between the first and last characters that {@link String#strip} keeps.
     */
    static int strippedTextLength(String s) {
        int n = 0;
        int first = -1;
        int lastEnd = 0;
        boolean lastWasWhite = false;
        // By char, not code point: the white space and invisible characters involved are all in the BMP, and a
        // surrogate pair counts two chars either way.
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (StringUtil.isActuallyWhitespace(c)) {
                if (!lastWasWhite) {
                    n++; // one space, which strip() removes at either end
                    lastWasWhite = true;
                }
            } else if (!StringUtil.isInvisibleChar(c)) {
                if (!Character.isWhitespace(c)) {
                    first = first < 0 ? n : first;
                    lastEnd = n + 1;
                }
                n++;
                lastWasWhite = false;
            }
        }
        return first < 0 ? 0 : lastEnd - first;
    }

    /** Removes an element from the tree and its figures from those of its ancestors. */
    private static void remove(Element e, Map<Element, int[]> lengths) {
        int[] gone = lengths.get(e);
        if (gone != null) {
            for (Element p = e.parent(); p != null; p = p.parent()) {
                int[] up = lengths.get(p);
                if (up != null) {
                    up[0] -= gone[0];
                    up[1] -= gone[1];
                    up[2] -= gone[2];
                }
            }
        }
        e.remove();
    }

    private static boolean inLink(Element e) {
        for (Element p = e; p != null; p = p.parent()) {
            if (p.nameIs("a")) {
                return true;
            }
            if (BLOCK_TAGS.contains(p.normalName())) {
                return false;
            }
        }
        return false;
    }

    private static void removeFurniture(Element body, Map<Element, int[]> lengths, int bodyText) {
        Elements all = body.getAllElements();
        for (Element e : all) {
            if (e == body || e.parent() == null) {
                continue;
            }
            int text = lengths.getOrDefault(e, new int[3])[0];
            if (isHidden(e) && text < HIDDEN_PROSE_CHARS) {
                remove(e, lengths);
                continue;
            }
            if (!isFurniture(e, lengths.getOrDefault(e, new int[3]))) {
                continue;
            }
            // A wrapper that happens to look like furniture (ASP.NET pages put the whole page in a <form>, themes
            // put it in "has-sidebar" containers) must not take the policy with it.
            boolean wrapper = text * 2 > bodyText || e.selectFirst(H1) != null && !e.nameIs("header");
            if (!NEVER_CONTENT.contains(e.normalName()) && wrapper) {
                continue;
            }
            remove(e, lengths);
        }
    }

    /**
     * Hidden by markup or inline style. Short hidden text is furniture (menus, tooltips, banners waiting for a
     * script); long hidden prose is the policy folded into "read more" sections, accordions and tabs, and stays.
     */
    private static boolean isHidden(Element e) {
        if (e.hasAttr("hidden") || "true".equals(e.attr("aria-hidden"))) {
            return true;
        }
        String style = e.attr("style");
        return !style.isEmpty() && HIDDEN_STYLE.matcher(style).find();
    }

    private static boolean isFurniture(Element e, int[] len) {
        String name = e.normalName();
        if (DROP_TAGS.contains(name)) {
            return true;
        }
        if (name.equals("header") || "banner".equals(e.attr("role"))) {
            // Page headers hold the site menu; an article header holds the policy's title and opening lines.
            return e.selectFirst(H1) == null || e.selectFirst(NAV_OR_LIST) != null && e.selectFirst(P) == null;
        }
        if (DROP_ROLES.contains(e.attr("role").toLowerCase(Locale.ROOT))) {
            return true;
        }
        String classes = e.className() + " " + e.id();
        if (classes.isBlank()) {
            return false;
        }
        String lower = classes.toLowerCase(Locale.ROOT);
        // The banner pattern needs one of these words (CybotCookiebot has "cookie"): most classes skip the regex.
        boolean menuLike = (lower.contains("cookie") || lower.contains("consent") || lower.contains("gdpr")
                || lower.contains("cc-window")) && COOKIE_BANNER.matcher(classes).find();
        // The words between runs of ASCII white space, '_' and '-', without a regex and an array.
        for (int i = 0, end; i < lower.length(); i = end + 1) {
            end = i;
            while (end < lower.length() && !isWordSeparator(lower.charAt(end))) {
                end++;
            }
            if (end > i) {
                String word = lower.substring(i, end);
                if (COPY_WORDS.contains(word)) {
                    return true;
                }
                menuLike |= DROP_WORDS.contains(word);
            }
        }
        // Class names lie ("privacy-block nav-item" holds a policy section): a menu is short or mostly links.
        return menuLike && (len[0] < MENU_MAX_PROSE_CHARS || len[1] * 2 >= len[0]);
    }

    /** The characters of {@code [\\s_\\-]}: ASCII white space, underscore, hyphen. */
    private static boolean isWordSeparator(char c) {
        return c == ' ' || c >= '\t' && c <= '\r' || c == '_' || c == '-';
    }

    /** Drops lists and small containers that are mostly links: tables of contents, "related pages", link farms. */
    private static void removeLinkLists(Element body, Map<Element, int[]> lengths) {
        for (Element e : body.getAllElements()) {
            if (e.parent() == null || !(e.nameIs("ul") || e.nameIs("ol") || e.nameIs("div") || e.nameIs("p")
                    || e.nameIs("table") || e.nameIs("section") || e.nameIs("dl"))) {
                continue;
            }
            int[] len = lengths.get(e);
            if (len == null || len[0] == 0 || len[0] > 3000) {
                continue;
            }
            int links = len[2];
            if (links >= 3 && len[1] * 10 >= len[0] * 7) {
                remove(e, lengths);
            }
        }
    }

    /** The element holding the policy: a unique main/article region with most of the text, else the body. */
    private static Element mainContent(Element body, Map<Element, int[]> lengths) {
        int total = lengths.getOrDefault(body, new int[3])[0];
        for (Evaluator region : MAIN_REGIONS) {
            Elements candidates = body.select(region);
            if (candidates.size() == 1) {
                Element c = candidates.first();
                if (lengths.getOrDefault(c, new int[3])[0] * 2 >= total) {
                    return c;
                }
            }
        }
        return body;
    }

    /** Reads blocks off the cleaned tree. */
    private static final class Extractor implements NodeFilter {
        final TextBuilder out = new TextBuilder();
        private final StringBuilder buf = new StringBuilder();
        private int headingLevel;
        private int listDepth;
        private int boldDepth;
        private int boldChars;
        private int allChars;
        private int lastHeadingLevel = 1;
        private Element lastTextParent;

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode t) {
                append(t);
                return FilterResult.CONTINUE;
            }
            if (!(node instanceof Element e)) {
                return FilterResult.CONTINUE;
            }
            String name = e.normalName();
            if (name.equals("pre")) {
                flush();
                for (String para : e.wholeText().split("\\n\\s*\\n")) {
                    out.add(listDepth > 0 ? Block.Kind.LIST_ITEM : Block.Kind.PARAGRAPH, para, listDepth);
                }
                return FilterResult.SKIP_CHILDREN;
            }
            if (name.equals("b") || name.equals("strong")) {
                boldDepth++;
            } else if (BLOCK_TAGS.contains(name)) {
                flush();
                if (name.length() == 2 && name.charAt(0) == 'h' && Character.isDigit(name.charAt(1))) {
                    headingLevel = name.charAt(1) - '0';
                } else if (name.equals("li")) {
                    listDepth++;
                }
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (!(node instanceof Element e)) {
                return FilterResult.CONTINUE;
            }
            String name = e.normalName();
            if (name.equals("b") || name.equals("strong")) {
                boldDepth--;
            } else if (BLOCK_TAGS.contains(name)) {
                flush();
                if (name.length() == 2 && name.charAt(0) == 'h' && Character.isDigit(name.charAt(1))) {
                    headingLevel = 0;
                } else if (name.equals("li")) {
                    listDepth--;
                }
            }
            return FilterResult.CONTINUE;
        }

        private void append(TextNode t) {
            String s = t.getWholeText();
            if (s.isEmpty()) {
                return;
            }
            // "<span>2.1.</span><a>Cookies</a>" displays with a gap thanks to CSS; keep the words apart.
            if (!buf.isEmpty() && t.parent() != lastTextParent && !Character.isWhitespace(s.charAt(0))
                    && Character.isLetter(s.charAt(0))) {
                char last = buf.charAt(buf.length() - 1);
                if (last == '.' || last == ':' || last == ')') {
                    buf.append(' ');
                }
            }
            lastTextParent = t.parent() instanceof Element p ? p : null;
            buf.append(s);
            int visible = 0;
            for (int i = 0; i < s.length(); i++) {
                visible += Character.isWhitespace(s.charAt(i)) ? 0 : 1;
            }
            allChars += visible;
            if (boldDepth > 0) {
                boldChars += visible;
            }
        }

        void flush() {
            if (buf.isEmpty()) {
                return;
            }
            String text = TextBuilder.normalize(buf);
            if (headingLevel > 0) {
                out.addNormalized(Block.Kind.HEADING, text, headingLevel);
                lastHeadingLevel = headingLevel;
            } else if (listDepth > 0) {
                out.addNormalized(Block.Kind.LIST_ITEM, text, listDepth);
            } else if (allChars > 0 && boldChars * 10 >= allChars * 9 && text.length() <= 100
                    && !text.endsWith(".") && !text.endsWith(",")) {
                // A paragraph set entirely in bold is a heading in all but markup.
                out.addNormalized(Block.Kind.HEADING, text, Math.min(6, lastHeadingLevel + 1));
            } else {
                out.addNormalized(Block.Kind.PARAGRAPH, text, 0);
            }
            buf.setLength(0);
            boldChars = 0;
            allChars = 0;
        }
    }
}
