package io.liora.index;

import io.liora.common.text.TextNormalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * One catalog version, searchable in memory. Built once per published version (10,000 items take
 * well under a second) and never changed: a new version gets a new index.
 *
 * <p>A query's words (stop words dropped) must each match the item (all of them for one or two
 * words, two in three beyond), each as itself, as one of the tenant's synonyms, as a word it starts
 * (cafe, cafetera) or with a typo: one edit from four letters on, two from seven ("sapatillas"). Ranking:
 * the whole name equal to the query first, then words in the name over the category over the
 * description, exact over prefix over typo; ties in name order. No match is an empty answer.
 */
public final class CatalogIndex {

    private static final String NAME = "nombre";
    private static final String CATEGORY = "categoria";
    private static final String DESCRIPTION = "descripcion";
    private static final String EXACT_NAME = "nombre_exacto";
    private static final String EXACT_CATEGORY = "categoria_exacta";
    /** The name's words and all their beginnings (from 3 letters): prefix search as one term. */
    private static final String NAME_PREFIXES = "nombre_prefijos";
    static final int RECENT = 1_000;
    private static final Analyzer ANALYZER = new SpanishCatalogAnalyzer();
    private static final Analyzer INDEXING = new PerFieldAnalyzerWrapper(ANALYZER,
            Map.of(NAME_PREFIXES, new SpanishCatalogAnalyzer(true)));

    /** One matching item: its position in the list the index was built from, and how well it matched. */
    public record Hit(int position, float score) {
    }

    private final List<IndexedItem> items;
    private final Synonyms synonyms;
    private final IndexSearcher searcher;
    /** Each document's position in {@link #items} (documents are in name order, the list as given). */
    private final int[] positionOfDoc;
    /**
     * The answers to the latest {@value #RECENT} distinct searches: customers ask the same few things, and
     * a version never changes, so an answer never goes stale (least recently asked out first).
     */
    private final Map<String, List<Hit>> recent = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Hit>> eldest) {
            return size() > RECENT;
        }
    };

    private CatalogIndex(List<IndexedItem> items, Synonyms synonyms, IndexSearcher searcher, int[] positionOfDoc) {
        this.items = items;
        this.synonyms = synonyms;
        this.searcher = searcher;
        this.positionOfDoc = positionOfDoc;
    }

    /** The index of {@code items}; a hit's position is the item's index in this list. */
    public static CatalogIndex build(List<IndexedItem> items, Synonyms synonyms) {
        List<Integer> byName = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            byName.add(i);
        }
        byName.sort(Comparator.comparing((Integer i) -> TextNormalizer.normalize(items.get(i).nombre()))
                .thenComparing(i -> items.get(i).sku()));
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        // documents in name order, in one segment whose merges keep that order: equal scores (and a
        // blank query) come out alphabetically without sorting, so top hits are collected the fast way
        IndexWriterConfig config = new IndexWriterConfig(INDEXING).setRAMBufferSizeMB(64)
                .setMergePolicy(new LogDocMergePolicy());
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int i : byName) {
                writer.addDocument(document(items.get(i)));
            }
            writer.forceMerge(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            DirectoryReader reader = DirectoryReader.open(directory);
            if (reader.leaves().size() > 1 || reader.maxDoc() != items.size()) {
                throw new IllegalStateException("a catalog index is one segment in insertion order");
            }
            IndexSearcher searcher = new IndexSearcher(reader);
            // every query is a customer's own words: caching clauses across them costs more than it saves
            searcher.setQueryCache(null);
            // a hit's document id is its rank in name order: no stored field to decompress per hit
            return new CatalogIndex(List.copyOf(items), synonyms, searcher,
                    byName.stream().mapToInt(Integer::intValue).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return items.size();
    }

    public IndexedItem item(int position) {
        return items.get(position);
    }

    /**
     * The best {@code limit} items for {@code query} (all items, in name order, when it is blank),
     * optionally only those of {@code categoria} (compared normalised).
     */
    public List<Hit> search(String query, String categoria, int limit) {
        String key = TextNormalizer.normalize(query) + '\u0000' + TextNormalizer.normalize(categoria) + '\u0000' + limit;
        List<Hit> remembered;
        synchronized (recent) {
            remembered = recent.get(key);
        }
        if (remembered == null) {
            remembered = List.copyOf(find(query, categoria, limit));
            synchronized (recent) {
                recent.put(key, remembered);
            }
        }
        return remembered;
    }

    private List<Hit> find(String query, String categoria, int limit) {
        List<String> words = contentWords(query);
        boolean blank = TextNormalizer.normalize(query).isEmpty();
        if (!blank && words.isEmpty()) {
            return List.of(); // only words like "de" or "para": nothing to look for
        }
        // typos are forgiven only when the words as written find nothing: cheaper, and exact words rank first
        List<Hit> hits = search(query, words, blank, categoria, limit, false);
        return hits.isEmpty() && !blank ? search(query, words, false, categoria, limit, true) : hits;
    }

    private List<Hit> search(String query, List<String> words, boolean blank, String categoria, int limit,
            boolean typos) {
        BooleanQuery.Builder top = new BooleanQuery.Builder();
        if (blank) {
            top.add(new MatchAllDocsQuery(), Occur.MUST);
        } else {
            top.add(allWords(words, typos), Occur.MUST);
            top.add(new BoostQuery(new TermQuery(new Term(EXACT_NAME, TextNormalizer.normalize(query))), 10f), Occur.SHOULD);
        }
        if (categoria != null && !categoria.isBlank()) {
            top.add(new TermQuery(new Term(EXACT_CATEGORY, TextNormalizer.normalize(categoria))), Occur.FILTER);
        }
        try {
            ScoreDoc[] found = searcher.search(top.build(), limit).scoreDocs;
            List<Hit> hits = new ArrayList<>(found.length);
            for (ScoreDoc doc : found) {
                hits.add(new Hit(positionOfDoc[doc.doc], doc.score));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The words of {@code text} that name something in this catalog (a product's or a category's
     * word, a synonym, or a long word one typo away), in the text's order: what makes a message a
     * question about products.
     */
    public List<String> productWords(String text) {
        List<String> found = new ArrayList<>();
        for (String word : contentWords(text)) {
            // "te" names a tea when searched for, but in a sentence it is the pronoun
            if (!"te".equals(word) && (synonyms.has(word) || names(word))) {
                found.add(word);
            }
        }
        return found;
    }

    /**
     * Whether a word is in a product's name or a category: exactly, or for long words one typo away
     * (two from nine letters on). Descriptions do not count: "calor" in "12 h calor" does not make
     * "va a hacer calor mañana" a question about bottles.
     */
    private boolean names(String word) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String term : terms(word)) {
            any.add(new TermQuery(new Term(NAME, term)), Occur.SHOULD);
            any.add(new TermQuery(new Term(CATEGORY, term)), Occur.SHOULD);
            if (term.length() >= 6 && term.chars().allMatch(Character::isLetter)) {
                int edits = term.length() >= 9 ? 2 : 1;
                any.add(new FuzzyQuery(new Term(NAME, term), edits, 0), Occur.SHOULD);
                any.add(new FuzzyQuery(new Term(CATEGORY, term), edits, 0), Occur.SHOULD);
            }
        }
        return count(any.build()) > 0;
    }

    private Query allWords(List<String> words, boolean typos) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (String word : words) {
            all.add(wordQuery(word, typos), Occur.SHOULD);
        }
        int required = words.size() <= 2 ? words.size() : (int) Math.ceil(words.size() * 2 / 3.0);
        return all.setMinimumNumberShouldMatch(required).build();
    }

    /** One customer's word: itself or a synonym, each as its terms. */
    private Query wordQuery(String word, boolean typos) {
        BooleanQuery.Builder either = new BooleanQuery.Builder();
        either.add(phraseQuery(word, typos), Occur.SHOULD);
        for (String alternative : synonyms.of(word)) {
            either.add(phraseQuery(alternative, typos), Occur.SHOULD);
        }
        return either.build();
    }

    /** All the terms of {@code words} (a synonym may be several words). */
    private Query phraseQuery(String words, boolean typos) {
        List<String> terms = terms(words);
        if (terms.size() == 1) {
            return termQuery(terms.get(0), typos);
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        terms.forEach(term -> all.add(termQuery(term, typos), Occur.MUST));
        return all.build();
    }

    /** A term in the name, the category or the description: exact, as a prefix of a name's word, or with a typo. */
    private static Query termQuery(String term, boolean typos) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        any.add(new BoostQuery(new TermQuery(new Term(NAME, term)), 3f), Occur.SHOULD);
        any.add(new BoostQuery(new TermQuery(new Term(CATEGORY, term)), 2f), Occur.SHOULD);
        any.add(new TermQuery(new Term(DESCRIPTION, term)), Occur.SHOULD);
        boolean word = term.chars().allMatch(Character::isLetter);
        int edits = !word || term.length() < 4 ? 0 : term.length() < 7 ? 1 : 2;
        if (typos && edits > 0) {
            any.add(new BoostQuery(new FuzzyQuery(new Term(NAME, term), edits, 0), 1.2f), Occur.SHOULD);
            any.add(new BoostQuery(new FuzzyQuery(new Term(CATEGORY, term), edits, 0), 0.8f), Occur.SHOULD);
            any.add(new BoostQuery(new FuzzyQuery(new Term(DESCRIPTION, term), edits, 0), 0.4f), Occur.SHOULD);
        }
        if (word && term.length() >= SpanishCatalogAnalyzer.MIN_PREFIX) {
            any.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(NAME_PREFIXES, term))), 1.5f),
                    Occur.SHOULD);
        }
        return any.build();
    }

    private static List<String> contentWords(String text) {
        List<String> words = new ArrayList<>();
        for (String word : TextNormalizer.normalize(text).split(" ")) {
            if (!word.isEmpty() && !Words.isStopWord(word) && !words.contains(word)) {
                words.add(word);
            }
        }
        return words.size() > 8 ? words.subList(0, 8) : words;
    }

    /** {@code words} as the index holds them; a stop word alone keeps itself so it can still be a synonym. */
    private static List<String> terms(String words) {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = ANALYZER.tokenStream(NAME, words)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms.isEmpty() ? List.of(words) : terms;
    }

    private int count(Query query) {
        try {
            return searcher.count(query);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document document(IndexedItem item) {
        Document doc = new Document();
        doc.add(new TextField(NAME, item.nombre(), Field.Store.NO));
        doc.add(new TextField(NAME_PREFIXES, item.nombre(), Field.Store.NO));
        doc.add(new StringField(EXACT_NAME, TextNormalizer.normalize(item.nombre()), Field.Store.NO));
        if (item.categoria() != null) {
            doc.add(new TextField(CATEGORY, item.categoria(), Field.Store.NO));
            doc.add(new StringField(EXACT_CATEGORY, TextNormalizer.normalize(item.categoria()), Field.Store.NO));
        }
        String description = item.descripcion() == null ? item.sku() : item.sku() + " " + item.descripcion();
        doc.add(new TextField(DESCRIPTION, description, Field.Store.NO));
        return doc;
    }
}
