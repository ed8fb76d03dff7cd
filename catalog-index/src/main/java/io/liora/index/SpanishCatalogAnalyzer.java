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
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * How catalog text and customers' words become terms: words, lower case, accents folded ("Café" and
 * "cafe" are one term), Spanish stop words dropped, then Spanish light stemming, so "zapatilla" and
 * "zapatillas" meet. The light stemmer (plural and gender endings) over the heavier Snowball one:
 * product names are short and a stemmer that conflates too much ("camisa", "camiseta") costs more in
 * wrong products than it gains.
 */
public final class SpanishCatalogAnalyzer extends Analyzer {

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
        return new TokenStreamComponents(source, new SpanishLightStemFilter(stream));
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
