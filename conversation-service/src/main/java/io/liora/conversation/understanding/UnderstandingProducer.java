package io.liora.conversation.understanding;

import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** The classifier, trained once at start-up from the committed training set. */
public class UnderstandingProducer {

    private static final Logger LOG = Logger.getLogger(UnderstandingProducer.class);

    @Produces
    @Singleton
    @Startup
    Understanding understanding() {
        long start = System.nanoTime();
        Understanding understanding = Understanding.trained();
        LOG.infof("intent classifier trained on %d examples in %d ms", TrainingSet.examples().size(),
                (System.nanoTime() - start) / 1_000_000);
        return understanding;
    }
}
