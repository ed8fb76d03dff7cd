package io.liora.index;

import io.liora.common.text.TextNormalizer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How catalog text and customers' words become terms: words, lower case, accents folded ("Café" and
 * "cafe" are one term), Spanish stop words dropped, then Spanish light stemming, so "zapatilla" and
 * "zapatillas" meet. The light stemmer (plural and gender endings) over the heavier Snowball one:
 * product names are short and a stemmer that conflates too much ("camisa", "camiseta") costs more in
 * wrong products than it gains.
 */
public final class SpanishCatalogAnalyzer extends Analyzer {

    /** The shortest beginning of a word that finds the word ("caf" → "cafetera"). */
    static final int MIN_PREFIX = 3;
    private static final int MAX_PREFIX = 30;

    private final boolean prefixes;

    /** The analysis of text and queries. */
    public SpanishCatalogAnalyzer() {
        this(false);
    }

    /**
     * @param prefixes whether each term is indexed as all its beginnings of {@value #MIN_PREFIX} letters or more,
     *                 so a prefix search is one term lookup instead of an automaton built per query
     */
    SpanishCatalogAnalyzer(boolean prefixes) {
        this.prefixes = prefixes;
    }

    /**
     * Lucene's Spanish stop words, folded like the text they are matched against, but for "te":
     * folded, it is also "té", a product.
     */
    static final CharArraySet STOP_WORDS = folded(SpanishAnalyzer.getDefaultStopSet(), "te");

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream stream = new LowerCaseFilter(source);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(stream, STOP_WORDS);
        stream = new SpanishLightStemFilter(stream);
        return new TokenStreamComponents(source, prefixes ? new EdgeNGramTokenFilter(stream, MIN_PREFIX, MAX_PREFIX, true)
                : stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }

    private static CharArraySet folded(CharArraySet words, String kept) {
        CharArraySet folded = new CharArraySet(words.size(), false);
        for (Object word : words) {
            String plain = TextNormalizer.normalize(new String((char[]) word));
            if (!plain.equals(kept)) {
                folded.add(plain);
            }
        }
        return CharArraySet.unmodifiableSet(folded);
    }
}
